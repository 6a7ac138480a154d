-- Notifications about events (issue 6): a place from the waitlist, a new time or place, a
-- cancellation. The event is the host network's, while the notification is written in the
-- attendee's own network (a co-host's member is told in their network): a plain id, no
-- foreign key, as conversation_id. The notification's excerpt keeps the event's title.
ALTER TABLE notifications ADD COLUMN event_id uuid;

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
  'mention', 'reply', 'stamp', 'dm', 'room_request_decided', 'newcomer',
  'event_promoted', 'event_changed', 'event_cancelled'));
