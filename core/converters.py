class UnicodeSlugConverter:
    """Like Django's ``slug`` converter, but Arabic letters are welcome too."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
