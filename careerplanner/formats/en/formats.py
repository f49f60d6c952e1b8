"""English dates as the site has always written them: "15 Mar 2027" (the `day` filter, emails, the feed).

Only what differs from Django's English formats; Spanish keeps Django's own ("15 de marzo de 2027").
"""

DATE_FORMAT = "j M Y"
