-- The active admins of a network, for the audience of a room only its listed members and the
-- admins see (posts.repository.ts roomAudience): a handful of rows, found without reading the
-- network's other memberships.
CREATE INDEX memberships_admins_idx ON memberships (network_id) WHERE role = 'admin' AND status = 'active';
