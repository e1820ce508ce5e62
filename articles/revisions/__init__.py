"""No lost work: revisions of articles (django-reversion) and optimistic locking.

One revision holds an article and the rows that belong to it: its authorships,
references, «اقرأ أيضاً» links and tag links. Authors, tags, sections and the
suggested articles themselves are only pointed to, so restoring an article never
renames a tag or rewrites an author's biography.

- ``registration``: what a revision holds, registered from ``ArticlesConfig.ready``;
- ``locking``: every save in the admin moves ``Article.edit_version`` on by one, and
  a form opened at an older number (or sent without one) is refused;
- ``conflicts``: the message that explains a refusal (who, when, what, a link);
- ``restore``: restoring a revision that points to what was deleted since;
- ``comparison``: the admin's comparison of two versions and its history list, in
  the editors' words (``labels``: field names, ``diff``: word by word, ``history``:
  the revisions' comments in the reader's language).
"""

from .registration import RELATIONS, TRANSLATED, UNCOMPARED, register

__all__ = ["RELATIONS", "TRANSLATED", "UNCOMPARED", "register"]
