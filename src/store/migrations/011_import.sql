-- Finding the prospect an imported row already is: the same e-mail address
-- (whatever its case) or the same phone number (the last ten digits of the
-- virtual column of migration 005, so "+1 416 555 0102" is "416.555.0102"),
-- each one index probe however big the book.
CREATE INDEX prospect_by_email ON prospect (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX prospect_by_phone ON prospect (substr(phone_digits, -10)) WHERE phone IS NOT NULL;
