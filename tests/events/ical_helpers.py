"""Reading the calendar file that an e-mail carries."""

import icalendar


def calendar_of(message):
    attachments = [a for a in message.attachments if a[0].endswith(".ics")]
    assert attachments, "the e-mail carries no calendar file"
    return icalendar.Calendar.from_ical(attachments[0][1])
