"""``newsroom import``: a wire's release page, an SEC exhibit or a feed of them → release files.

MkDocs-free. ``fetch`` reads a file or URL, ``html_text`` turns HTML into the release's text,
``wires`` knows where each wire puts the release on its page, ``published`` reads the page's
date, ``feed`` lists a feed's items, ``writer`` writes the files and ``run`` ties them together.
"""
