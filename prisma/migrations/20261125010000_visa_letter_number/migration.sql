-- Visa letter numbers come from a sequence: concurrent letters never draw the same number
CREATE SEQUENCE "visa_letter_number_seq";
SELECT setval('"visa_letter_number_seq"', (SELECT count(*) + 1 FROM "visa_letter"), false);
