"""Content quality checks: spelling, plain-English summaries, heading levels and link text.

The build decides whether the content *can* be published; these checks decide whether it
*reads* well. They run in the tests (``tests/test_content_quality.py``), not in the build, so a
spelling slip never stops an urgent correction going out.

Every check is a small function that takes text (or files) and returns a list of plain-English
messages; an empty list means no problems. ``where`` names the file and field in each message,
and ``first_line`` (the line of the file on which the text starts) lets messages give the exact line.

- ``spelling``: codespell, and known slips that are real words;
- ``summaries``: one plain sentence, at most 25 words, easy enough to read;
- ``headings``: headings never skip a level;
- ``links``: link text that says where it goes, https addresses;
- ``passages``: every piece of text in the content files, and the checks run over all of them;
- ``text``: what they share: lines outside code, positions in messages, text as a reader reads it.
"""
