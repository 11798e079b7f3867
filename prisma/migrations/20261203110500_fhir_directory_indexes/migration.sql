-- Issue 18: the FHIR directory's Slot search (lib/fhir/directory/searches.ts).
--
-- Slot?start=ge…&start=lt… without a schedule pages through every
-- institution's slots in (starts_at, id) order: this index serves the range and
-- the order, so a page reads _count + 1 index entries, never the whole table.
-- With a schedule, the (schedule_id, starts_at) unique index serves it.
CREATE INDEX "slot_starts_at_id_idx" ON "slot"("starts_at", "id");

-- A slot whose schedule is gone (schedule_id set to NULL) is served under its
-- service's fallback Schedule (dept-<id> / pkg-<id>, ADR 0020): these partial
-- indexes find the services that have such slots without reading every slot.
CREATE INDEX "slot_unscheduled_department_idx" ON "slot"("department_id") WHERE "schedule_id" IS NULL;
CREATE INDEX "slot_unscheduled_package_idx" ON "slot"("package_id") WHERE "schedule_id" IS NULL;
