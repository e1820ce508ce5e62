"""Word documents (.docx) imported as draft articles with their references.

``package`` judges the upload's bytes (zip, size, macros, encryption), ``convert``
runs mammoth with the style map, ``body`` makes its HTML an article's parts and
``importer`` writes them in one transaction (:func:`importer.docx_import`).
"""
