"""What the seed documents in seeds/ hold, as the tests that import them expect it."""

PAPER_TITLE = "انضمام سورية إلى التحالف الدولي ضد داعش"
# The paper's «اقرأ أيضاً» entries: summaries only, shown in its block and nowhere else.
READ_ALSO_TITLES = [
    "إعادة تكوين الإنسان العربي: من التهميش إلى الولادة الجديدة",
    "واقع تجارة المخدرات وتعاطيها في سورية في مرحلتي ما قبل وبعد سقوط نظام الأسد",
]
