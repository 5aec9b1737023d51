-- Every risk signal standing on the day health was recomputed, kept beside the score so
-- the Today queue reads them instead of scanning every account's evidence again. One
-- signal per line: kind, the day it began ('' for none) and its reason, tab-separated.
-- NULL for a row kept before this version: those accounts are read the long way.
ALTER TABLE account_health ADD COLUMN signals TEXT;
