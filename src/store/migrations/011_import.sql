-- Finding the prospect an imported row already is: the same e-mail address
-- (whatever its case) or the same phone number (its digits, the virtual
-- column of migration 005), each one index probe however big the book.
CREATE INDEX prospect_by_email ON prospect (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX prospect_by_phone ON prospect (phone_digits) WHERE phone IS NOT NULL;
