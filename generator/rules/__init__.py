"""Rules written once and shared by every stage (characters, URLs, e-mails, phones, départements, wording)."""
