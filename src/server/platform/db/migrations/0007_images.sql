-- Images on posts and comments, and custom stamps per network.
--
-- An image is uploaded first (unattached, seen by its uploader only) and attached when the post
-- or comment is written; housekeeping deletes images left unattached for a day. Only processed
-- variants are stored (WebP, metadata stripped): the original, which may carry GPS, is not kept.
-- message_id leaves room for direct-message attachments (no foreign key until messages exist).
CREATE TABLE images (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  uploader_id uuid NOT NULL,
  post_id uuid,
  comment_id uuid,
  message_id uuid,
  -- Order within the post or comment (0-based).
  position smallint NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 9),
  thumb_key text NOT NULL,
  thumb_width integer NOT NULL CHECK (thumb_width > 0),
  thumb_height integer NOT NULL CHECK (thumb_height > 0),
  thumb_bytes integer NOT NULL CHECK (thumb_bytes > 0),
  large_key text NOT NULL,
  large_width integer NOT NULL CHECK (large_width > 0),
  large_height integer NOT NULL CHECK (large_height > 0),
  large_bytes integer NOT NULL CHECK (large_bytes > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, id),
  -- At most one attachment.
  CHECK (num_nonnulls(post_id, comment_id, message_id) <= 1),
  FOREIGN KEY (network_id, uploader_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, post_id) REFERENCES posts (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, comment_id) REFERENCES comments (network_id, id) ON DELETE CASCADE
);
CREATE INDEX images_post_idx ON images (network_id, post_id, position) WHERE post_id IS NOT NULL;
CREATE INDEX images_comment_idx ON images (network_id, comment_id, position) WHERE comment_id IS NOT NULL;
-- Housekeeping's sweep of abandoned uploads.
CREATE INDEX images_unattached_idx ON images (created_at)
  WHERE post_id IS NULL AND comment_id IS NULL AND message_id IS NULL;

-- A post or comment may now be images only (the service still refuses one with neither).
ALTER TABLE posts DROP CONSTRAINT posts_body_check;
ALTER TABLE posts ADD CONSTRAINT posts_body_check CHECK (char_length(body) <= 10000);
ALTER TABLE comments DROP CONSTRAINT comments_body_check;
ALTER TABLE comments ADD CONSTRAINT comments_body_check CHECK (char_length(body) <= 4000);

-- Stamps a network's admins add to the standard emoji set. Stamps rows name them like the
-- standard ones (by name), so a name is unique in the network for good, archived or not, and
-- the service keeps it from shadowing a standard name.
CREATE TABLE custom_stamps (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (name ~ '^[a-z0-9_]{1,32}$'),
  label text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 40),
  image_key text NOT NULL,
  created_by uuid,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, id),
  UNIQUE (network_id, name),
  FOREIGN KEY (network_id, created_by) REFERENCES memberships (network_id, id) ON DELETE SET NULL (created_by)
);

ALTER TABLE images ENABLE ROW LEVEL SECURITY;
ALTER TABLE images FORCE ROW LEVEL SECURITY;
CREATE POLICY images_tenant ON images
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

ALTER TABLE custom_stamps ENABLE ROW LEVEL SECURITY;
ALTER TABLE custom_stamps FORCE ROW LEVEL SECURITY;
CREATE POLICY custom_stamps_tenant ON custom_stamps
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
