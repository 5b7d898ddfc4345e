-- A request's messages are found through its ledger row's conversation (messages_conversation)
-- instead of an index of their own: that index cost every stored turn two more B-tree inserts
-- (about a sixth of the turn's write) for a lookup the request log makes one page at a time.
DROP INDEX IF EXISTS messages_request;
