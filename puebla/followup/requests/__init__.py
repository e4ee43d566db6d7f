"""The secretariat's requests for input and the countries' answers: their writes (services),
the reminders that chase them, the mail about them, completeness and its file, forms and pages."""
