// Every operation of the API, one file each. tests/unit/openapi.test.ts fails
// when a route under app/api (or a method in lib/http/api-routes.ts) has none.
import { getQuotaReport } from "./admin/get-quota-report";
import { cancelBooking } from "./bookings/cancel-booking";
import { createBooking } from "./bookings/create-booking";
import { eraseBookingData } from "./bookings/erase-booking-data";
import { exportBookingData } from "./bookings/export-booking-data";
import { getBooking } from "./bookings/get-booking";
import { getBookingCalendar } from "./bookings/get-booking-calendar";
import { getVisaLetter } from "./bookings/get-visa-letter";
import { rescheduleBooking } from "./bookings/reschedule-booking";
import { getGuide } from "./guides/get-guide";
import { getGuidePdf } from "./guides/get-guide-pdf";
import { getHealth } from "./health/get-health";
import { getLiveness } from "./health/get-liveness";
import { getMetrics } from "./health/get-metrics";
import { getReadiness } from "./health/get-readiness";
import { createHold } from "./holds/create-hold";
import { getHospital } from "./hospitals/get-hospital";
import { listHospitals } from "./hospitals/list-hospitals";
import { getApiDocs, getApiDocsAsset } from "./meta/get-api-docs";
import { getOpenApi } from "./meta/get-openapi";
import { getPackage } from "./packages/get-package";
import { listPackages } from "./packages/list-packages";
import { getPaymentOptions } from "./payment-options/get-payment-options";
import type { ApiOperation } from "./shared";
import { listSlots } from "./slots/list-slots";
import { getStaffVisaLetter } from "./staff/get-staff-visa-letter";

/** In the order the document lists them: the public catalogue first, operations last. */
export const operations: readonly ApiOperation[] = [
  listHospitals,
  getHospital,
  listPackages,
  getPackage,
  getPaymentOptions,
  getGuide,
  getGuidePdf,
  listSlots,
  createHold,
  createBooking,
  getBooking,
  cancelBooking,
  rescheduleBooking,
  exportBookingData,
  eraseBookingData,
  getBookingCalendar,
  getVisaLetter,
  getStaffVisaLetter,
  getQuotaReport,
  getHealth,
  getLiveness,
  getReadiness,
  getMetrics,
  getOpenApi,
  getApiDocs,
  getApiDocsAsset,
];
