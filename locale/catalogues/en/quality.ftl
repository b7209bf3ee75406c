## Scan quality of the pages of a PJ: scor-quality's findings.

quality-blank = the page is blank: { $content } ‰ of it holds marks (at most { $max } ‰ for a blank page)
quality-black = the page is black: { $dark } ‰ of its pixels are dark (at least { $min } ‰ for a black page)
quality-contrast = the contrast is too poor: marks at grey level { $ink } on a background at { $background } differ by { $contrast } ‰ of full scale (at least { $min } ‰ expected)
quality-no-ink = none
quality-truncated = content reaches the edge of the page, cut off or shifted: { $sides } (margins of at most { $max } ‰ of the page size)
quality-side = { $side } ({ $margin } ‰)
quality-sides = { $first }, { $rest }
quality-side-top = top
quality-side-bottom = bottom
quality-side-left = left
quality-side-right = right
quality-skew = the page is skewed by { $skew }° (at most { $max }° expected)
quality-duplicate = the page is identical or nearly identical to the previous page (difference { $distance } ‰, at most { $max } ‰ for a duplicate)
quality-resolution = the page is scanned at { $x } × { $y } DPI, below the minimum of { $min } DPI
quality-colour = the page holds colour ({ $grey } ‰ grey, { $colour } ‰ coloured pixels; at most { $max } ‰ for a bitonal scan)
quality-grey = the page holds grey levels ({ $grey } ‰ grey, { $colour } ‰ coloured pixels; at most { $max } ‰ for a bitonal scan)

## What could not be analysed, and why.

quality-pdf-unreadable = the PDF could not be read: { $detail }
quality-several-images = the page is drawn from { $count } images: only the largest was analysed
image-none = the page draws no image: only scanned pages are analysed
image-no-size = the image has no valid Width and Height
image-page-over-pixels = the page image has { $pixels } pixels ({ $width } × { $height }), over the limit of { $max }
image-over-pixels = the image has { $pixels } pixels, over the limit of { $max }
image-over-bytes = the image decodes to { $bytes } bytes, over the limit of { $max }
image-no-colour-space = the image has no ColorSpace
image-bits-per-component = BitsPerComponent { $bits } is not supported
image-unsupported-bits = { $bits } bits per component are not supported
image-short-data = the image data holds { $held } bytes, { $needed } expected for its size
image-filter-not-name = the image's Filter is neither a name nor an array
image-filter-order = the image's filters { $filters } are not supported in this order
image-unsupported-filter = filter { $filter } is not supported
image-filters = the image data could not be decoded: { $detail }
image-ccitt-mismatch = the CCITT image's Columns, Width or BitsPerComponent disagree
image-ccitt = CCITTFaxDecode: { $detail }
image-ccitt-no-row = CCITTFaxDecode: no row decoded
image-jpeg = DCTDecode: { $detail }
image-decoder-failed = { $filter }: the decoder failed on this data (a fault of the decoder, not a finding about the file)
image-jpeg-no-header = DCTDecode: no image header
image-jpeg-short = DCTDecode: { $decoded } bytes decoded, { $expected } expected
image-jpeg-size = the JPEG is { $jpeg_width } × { $jpeg_height } pixels, the image dictionary says { $width } × { $height }
image-jbig2 = the page image is JBIG2-encoded: scor-quality has no JBIG2 decoder
image-jpx = the page image is JPEG 2000-encoded (JPXDecode, forbidden by PDF/A-1): not decoded
image-colour-space-too-deep = the colour space nests too deeply
image-colour-space-malformed = the image's colour space is malformed
image-icc-without-n = the image's ICCBased colour space has no valid N
image-indexed-without-base = the Indexed colour space has no base
image-indexed-base = the Indexed colour space has an invalid base
image-indexed-palette = the Indexed palette could not be read: { $detail }
image-indexed-without-palette = the Indexed colour space has no palette
image-unsupported-colour-space = colour space { $space } is not supported
