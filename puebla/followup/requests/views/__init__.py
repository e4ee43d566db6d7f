"""Pages of requests and answers: making, answering and deciding (requests), reminders, heads
of delegation and a draft's files (reminders), completeness, and the "My secretariat" panel
with the digest preference (dashboard)."""
