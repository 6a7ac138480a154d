-- Direct messages may carry images (images.message_id, migration 0007): a message with pictures
-- needs no words, as with posts and comments. The service still refuses one with neither.
ALTER TABLE messages DROP CONSTRAINT messages_body_check;
ALTER TABLE messages ADD CONSTRAINT messages_body_check CHECK (char_length(body) <= 4000);

-- Migration 0007 left images.message_id without a foreign key until messages existed.
ALTER TABLE images ADD CONSTRAINT images_message_fk
  FOREIGN KEY (network_id, message_id) REFERENCES messages (network_id, id) ON DELETE CASCADE;
CREATE INDEX images_message_idx ON images (network_id, message_id, position) WHERE message_id IS NOT NULL;
