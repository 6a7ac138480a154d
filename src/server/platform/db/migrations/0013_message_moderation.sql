-- A message an admin removed after a report keeps the reason, shown to its author only (as a
-- post or comment deleted by a moderator does, 0009). Null: not removed by a moderator.
ALTER TABLE messages ADD COLUMN moderation_reason text CHECK (char_length(moderation_reason) <= 500);
