-- A room's first page from a copy in memory (posts/page-copies.ts, decision 0022) reads the
-- viewer's stamps on the copy's posts: member first, then post, so the read visits the viewer's
-- stamps on those posts only, not every stamp of a popular post, and finds the stamp names in
-- the index itself. It serves what the index it replaces served (a member's stamps in a network).
CREATE INDEX stamps_member_post_idx ON stamps (network_id, member_id, post_id) INCLUDE (emoji);
DROP INDEX stamps_member_idx;
