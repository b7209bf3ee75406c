# Messages of the PDF/A-1b checker (scor-pdfa), in English.


## lib.rs
pdfa-skip-internal-error = an internal error stopped the object-level checks
pdfa-not-parsed = the file could not be parsed as PDF ({ $error }); it must be a well-formed PDF 1.4 file
pdfa-skip-not-parsed = the file did not parse
pdfa-encrypt = the trailer has an Encrypt entry: PDF/A forbids encryption; save the file unencrypted
pdfa-skip-linearized-trailers = test 4: the linearized file's trailers could not be found to compare their IDs
pdfa-linearized-id = the linearized file's first-page trailer ID differs from the last trailer's; make them identical
pdfa-no-root = the trailer has no usable Root (document catalog); the file must have a catalog
pdfa-skip-page-content = a content stream of page { $page } could not be decoded: { $error }

## content.rs
pdfa-skip-content-stream = a content stream ({ $place }) could not be decoded: { $error }
pdfa-place-page = page { $page }
pdfa-place-object = object { $object }
pdfa-place-unknown = unknown place
pdfa-content-nesting = graphics states are nested (q) more than 28 deep; reduce the q/Q nesting
pdfa-content-integer = content uses the integer { $value }, outside -2^31..2^31-1 (PDF 1.4 implementation limit)
pdfa-content-real = content uses the real number { $value }, outside -32767..32767 (PDF 1.4 implementation limit)
pdfa-content-name = content uses a name of { $length } bytes, longer than 127 bytes
pdfa-content-hex-odd = content has a hexadecimal string with an odd number of digits; write whole bytes
pdfa-content-hex-digit = content has a hexadecimal string with a character that is not a hex digit
pdfa-content-string = content has a string of { $length } bytes, longer than 65535 bytes; shorten it
pdfa-content-operator = the content stream uses operator "{ $operator }", which PDF 1.4 does not define; remove it
pdfa-inline-image-lzw = an inline image is LZW-compressed; use FlateDecode instead
pdfa-inline-image-interpolate = an inline image has Interpolate true; set it to false

## colour.rs
pdfa-rendering-intent = rendering intent /{ $intent } is not RelativeColorimetric, AbsoluteColorimetric, Perceptual or Saturation
pdfa-devicen-components = a DeviceN colour space has { $components } components, more than the 8 allowed
pdfa-icc-input-profile = an ICCBased colour space's profile (class { $class }, colour space { $colour_space }, version { $version }) is not a v2 (below 3.0) prtr/mntr/scnr/spac profile for RGB, CMYK, GRAY or Lab; embed an ICC v2 profile
pdfa-skip-icc-stream = an ICC profile stream could not be decoded: { $error }
pdfa-icc-invalid = an embedded ICC profile is not a valid ICC profile (no 'acsp' signature or bad size); embed a real ICC profile
pdfa-icc-n = the ICC stream's N is { $n ->
    [missing] missing
   *[other] { $n }
} but its profile's colour space { $colour_space } has { $components ->
    [unsupported] an unsupported number of
   *[other] { $components }
} components; set N to match

## fonts.rs, font_program.rs
pdfa-font-named = font { $name }
pdfa-font-unnamed = a font
pdfa-font-no-type = { $font } has no /Type /Font entry; add it
pdfa-font-subtype = { $font } has a missing or invalid Subtype /{ $subtype }
pdfa-font-no-basefont = { $font } has no BaseFont name; add it
pdfa-font-no-firstchar = { $font } has no FirstChar entry
pdfa-font-no-lastchar = { $font } has no LastChar entry
pdfa-font-widths = { $font } has a missing Widths array or one whose size is not LastChar - FirstChar + 1
pdfa-font-not-embedded = { $font } is not embedded; embed the font program (FontFile, FontFile2 or FontFile3)
pdfa-font-file-subtype = { $font } embeds a font file of Subtype /{ $subtype }, which PDF 1.4 does not define
pdfa-skip-font-charset = { $font }: whether its CharSet lists every glyph of the Type 1 program is not checked
pdfa-skip-font-cidset = { $font }: whether its CIDSet lists every glyph of the program is not checked
pdfa-font-no-charset = { $font } is a Type 1 subset without a CharSet in its font descriptor; add CharSet
pdfa-font-no-cidset = { $font } is a CIDFont subset without a CIDSet stream in its font descriptor; add CIDSet
pdfa-font-symbolic-encoding = { $font } is a symbolic TrueType font with an Encoding entry; remove the Encoding
pdfa-font-nonsymbolic-encoding = { $font } is a non-symbolic TrueType font whose encoding is not MacRomanEncoding or WinAnsiEncoding (without Differences); set one of them
pdfa-font-cmap-not-embedded = { $font } uses the CMap /{ $cmap } without embedding it; embed the CMap stream
pdfa-font-no-cidtogidmap = { $font }: its Type 2 CIDFont has no CIDToGIDMap; add /CIDToGIDMap /Identity or a stream
pdfa-skip-font-cmap = { $font }: its embedded CMap is not parsed (6.1.12 test 10: CID values; 6.3.3 test 4: WMode)
pdfa-font-system-info = { $font }: the Registry and Ordering of its CIDFont and CMap differ; make them identical
pdfa-skip-font-program = { $font }: its { $subtype } font program (/{ $key }) is not parsed: glyph presence and widths are not checked
pdfa-skip-font-decode = { $font }: its font program could not be decoded: { $error }
pdfa-skip-truetype-parse = { $font }: its TrueType program could not be parsed: { $error }
pdfa-font-cmap-subtables = { $font } is a symbolic TrueType font whose program has { $subtables } cmap subtables; it must have exactly one
pdfa-skip-font-glyph = { $font }: no glyph could be found for code { $code } through the program's cmap, so its presence and width are not checked
pdfa-font-width-program = { $font }: the width of code { $code } is { $widths } in the Widths array but { $program } in the font program; make them agree
pdfa-font-width-type3 = { $font }: the width of code { $code } is { $widths } in the Widths array but { $program } in its glyph procedure (d0/d1); make them agree

## context.rs
pdfa-device-rgb = DeviceRGB is used but the PDF/A-1 output intent is not RGB; add a GTS_PDFA1 output intent with a matching ICC profile or use ICCBased colour
pdfa-device-cmyk = DeviceCMYK is used but the PDF/A-1 output intent is not CMYK; add a GTS_PDFA1 output intent with a matching ICC profile or use ICCBased colour
pdfa-device-gray = DeviceGray is used but the file has no PDF/A-1 output intent; add a GTS_PDFA1 output intent with a matching ICC profile or use ICCBased colour

## graphics.rs
pdfa-output-intents-profiles = the OutputIntents entries do not all use the same indirect DestOutputProfile; make every output intent point at one profile object
pdfa-output-intent-no-profile = the GTS_PDFA1 output intent has no DestOutputProfile ICC stream; embed the output ICC profile
pdfa-output-intent-profile = the output intent profile (class { $class }, colour space { $colour_space }, version { $version }) must be an output (prtr) or monitor (mntr) profile for RGB, CMYK or GRAY with a version below 3.0 (ICC v2)
pdfa-xobject-opi = an XObject has an OPI entry; remove it
pdfa-xobject-smask = an XObject has an SMask (soft mask, transparency): PDF/A-1 forbids it; flatten the image
pdfa-xobject-postscript = the file contains a PostScript XObject (Subtype PS); remove it
pdfa-image-alternates = an image has an Alternates entry; remove it
pdfa-image-interpolate = an image has Interpolate true; set it to false or remove it
pdfa-form-postscript = a form XObject has a PS entry or Subtype2 PS (PostScript); remove it
pdfa-form-reference = a form XObject is a reference XObject (Ref entry); import the referenced page content instead
pdfa-transparency-group = a page or form has a transparency group (Group with S Transparency); remove the group
pdfa-extgstate-tr = an ExtGState has a TR (transfer function) entry; remove it
pdfa-extgstate-tr2 = an ExtGState has TR2 other than /Default; remove it or set it to /Default
pdfa-extgstate-smask = an ExtGState has a soft mask (SMask other than /None): PDF/A-1 forbids transparency
pdfa-extgstate-stroke-alpha = an ExtGState sets stroke alpha { $key } to { $value }: PDF/A-1 requires 1.0
pdfa-extgstate-fill-alpha = an ExtGState sets fill alpha { $key } to { $value }: PDF/A-1 requires 1.0
pdfa-extgstate-blend-mode = an ExtGState uses blend mode /{ $mode }; PDF/A-1 allows only Normal or Compatible

## structure.rs
pdfa-trailer-no-id = the trailer has no ID entry (an array of two strings); add a file identifier
pdfa-xref-damaged = the cross-reference data could not be read as written (offsets are wrong or the table is damaged); rebuild the cross-reference table
pdfa-embedded-files = the name dictionary has EmbeddedFiles: PDF/A-1 forbids embedded files; remove them
pdfa-optional-content = the catalog has OCProperties: PDF/A-1 forbids optional content; flatten the layers
pdfa-too-many-objects = the file has { $total } indirect objects, more than the 8,388,607 allowed; split the file
pdfa-integer = integer { $value } is outside -2^31..2^31-1 (PDF 1.4 implementation limit)
pdfa-real = real number { $value } is outside -32767..32767 (PDF 1.4 implementation limit)
pdfa-string = a string of { $length } bytes is longer than 65535 bytes; shorten it
pdfa-array = an array of { $length } elements exceeds 8191 elements; split it
pdfa-name = a name of { $length } bytes is longer than 127 bytes; shorten it
pdfa-dictionary = a dictionary of { $length } entries exceeds 4095 entries
pdfa-filespec-ef = a file specification has an EF entry (embedded file): PDF/A-1 forbids embedded files; remove it
pdfa-object-stream = the file uses an object stream (PDF 1.5); PDF/A-1 needs every object stored directly
pdfa-xref-stream-object = the file has a cross-reference stream (PDF 1.5); PDF/A-1 needs a cross-reference table
pdfa-stream-external = the stream dictionary has { $keys } (external stream data); keep stream data in the file and remove the key
pdfa-stream-lzw = the stream is LZW-compressed (LZWDecode); recompress it with FlateDecode

## interactive.rs
pdfa-catalog-aa = the document catalog has an AA (additional actions) entry; remove it
pdfa-javascript = the name dictionary has a JavaScript entry: JavaScript actions are forbidden; remove them
pdfa-action-type = an action of type /{ $action } is not permitted (only GoTo, GoToR, Thread, URI, Named, SubmitForm); remove it
pdfa-named-action = named action /{ $action } is not NextPage, PrevPage, FirstPage or LastPage
pdfa-need-appearances = the interactive form has NeedAppearances true; generate appearances and remove the flag
pdfa-field-aa = a form field has an AA (additional actions) entry; remove it
pdfa-annotation-type = annotation type /{ $subtype } is not permitted in PDF/A-1; remove the annotation
pdfa-annotation-ca = an annotation has CA { $value }; PDF/A-1 requires 1.0
pdfa-annotation-colour = an annotation has a C or IC colour array but the PDF/A output intent is not RGB; remove the colour or use an RGB output intent
pdfa-annotation-flags = an annotation's F flags are missing or wrong: Print must be set and Invisible, Hidden, NoView clear
pdfa-annotation-appearance = an annotation's appearance dictionary must hold only N, a stream (a subdictionary for buttons)
pdfa-widget-action = a form field widget has an A (action) entry; remove it
pdfa-widget-aa = a form field widget has an AA (additional actions) entry; remove it
pdfa-widget-no-appearance = a form field widget has no appearance dictionary (AP); generate its appearance

## raw.rs
pdfa-header = the file does not start with a header "%PDF-n.m" at byte 0; write the header as the very first bytes
pdfa-header-binary-comment = the header line is not followed by a comment of '%' and at least four bytes above 127; add a binary comment such as "%\xE2\xE3\xCF\xD3" on the second line
pdfa-no-eof = the file has no %%EOF marker (it may be truncated); end the file with %%EOF
pdfa-after-eof = { $count } bytes follow the last %%EOF marker; only a single end-of-line marker may follow it, remove the rest
pdfa-no-startxref = no startxref keyword was found; the file needs a cross-reference table and startxref
pdfa-xref-eol = the xref keyword is not followed by exactly one EOL marker before the first subsection header; write "xref" then one EOL
pdfa-xref-subsection = a cross-reference subsection header does not separate its first object number and count by a single space; write "<first> <count>"
pdfa-xref-stream = the file uses a cross-reference stream (PDF 1.5); PDF/A-1 requires a classic cross-reference table, save without object or cross-reference streams
pdfa-xref-not-table = startxref or /Prev does not point at a cross-reference table; rebuild the cross-reference table
pdfa-xrefstm = the trailer has /XRefStm (hybrid file with a cross-reference stream); PDF/A-1 allows cross-reference tables only
pdfa-skip-scan-budget = byte-level scan budget exhausted before all objects were read
pdfa-xref-entry = the cross-reference entry of object { $number } { $generation } points to byte { $offset } where no "{ $number } { $generation } obj" starts; rebuild the cross-reference table
pdfa-object-header = the object header is not "<num> <gen> obj" with single spaces, preceded and followed by an EOL; rewrite the object header
pdfa-endobj-eol = the endobj keyword is not preceded and followed by an EOL marker; put it on its own line
pdfa-no-endobj = the object has no endobj keyword before the next object starts; close it with endobj
pdfa-hex-characters = a hexadecimal string contains characters other than 0-9, A-F, a-f and white space; encode the string correctly
pdfa-hex-odd = a hexadecimal string has an odd number of hex digits; write two digits per byte
pdfa-no-endstream = the stream has no endstream keyword; the file may be truncated
pdfa-stream-eol = the stream keyword is not followed by CR LF or LF alone, or endstream is not preceded by an EOL; write "stream" EOL data EOL "endstream"
pdfa-no-length = the stream dictionary has no usable Length (a non-negative integer, direct or indirect); add it
pdfa-stream-length = the stream's Length is { $declared } but { $actual } bytes lie between the EOL after "stream" and the EOL before "endstream"; set Length to the real byte count

## xmp.rs
pdfa-no-metadata = the document catalog has no Metadata stream; add an XMP metadata stream
pdfa-metadata-filter = the metadata stream has a Filter; store the XMP uncompressed
pdfa-skip-metadata-decode = the metadata stream could not be decoded: { $error }
pdfa-xmp-not-well-formed = the XMP metadata is not well-formed: { $error }; write a well-formed XMP packet
pdfa-skip-xmp-parse = the XMP metadata could not be parsed
pdfa-skip-xmp-rdf-bounds = the XMP RDF could not be read within the bounds of 200000 elements, 64 deep
pdfa-xmp-packet-bytes = the XMP packet header has a bytes attribute; remove it
pdfa-xmp-packet-encoding = the XMP packet header has an encoding attribute; remove it
pdfa-no-identification = the XMP metadata has no PDF/A identification (pdfaid:part, pdfaid:conformance); add it
pdfa-pdfaid-part = pdfaid:part is { $value } instead of 1; declare part 1 for PDF/A-1
pdfa-pdfaid-part-missing = pdfaid:part is missing instead of 1; declare part 1 for PDF/A-1
pdfa-pdfaid-conformance = pdfaid:conformance is { $value } instead of B (or A)
pdfa-pdfaid-conformance-missing = pdfaid:conformance is missing instead of B (or A)
pdfa-pdfaid-prefix = the PDF/A identification property { $property } uses prefix "{ $prefix }"; use "pdfaid"
pdfa-info-not-text = Info /{ $key } is not a text string, so it cannot match the XMP { $property } property
pdfa-info-author-creators = Info /Author is set but the XMP dc:creator has more than one entry; keep a single creator
pdfa-info-differs = Info /{ $key } is "{ $info }" but the XMP { $property } property is "{ $xmp }"; make them equal
pdfa-info-xmp-missing = Info /{ $key } is "{ $info }" but the XMP { $property } property is missing; make them equal

## xmp_schema.rs
pdfa-xmp-unknown-property = the XMP property { $prefix }:{ $name } ({ $namespace }) is neither in the XMP 2004 predefined schemas nor described by a PDF/A extension schema; remove it or describe it in pdfaExtension:schemas
pdfa-xmp-value-type = the XMP property { $prefix }:{ $name } does not have the value type { $value_type }; write it as that type
pdfa-extension-container-field = the extension schema container has an undefined field { $field }
pdfa-extension-not-bag = pdfaExtension:schemas is not an rdf:Bag; write the schemas as a Bag
pdfa-extension-container-prefix = the extension schema container uses prefix { $prefix }; use pdfaExtension
pdfa-extension-schema-not-struct = an extension schema definition is not a structure
pdfa-extension-property-not-struct = an extension schema property is not a structure
pdfa-extension-type-not-struct = an extension schema value type is not a structure
pdfa-extension-field-not-struct = an extension schema field is not a structure
pdfa-extension-text-field = an extension schema lacks a text field { $prefix }:{ $name } (with prefix { $prefix })
pdfa-extension-undefined-field = an extension schema structure has an undefined field { $prefix }:{ $name }
pdfa-extension-not-seq = { $prefix }:{ $name } of an extension schema is not an rdf:Seq with prefix { $prefix }
pdfa-extension-property-type = an extension schema property has the undefined value type { $value_type }
pdfa-extension-property-category = an extension schema property has category { $category }; use internal or external

## pages.rs
pdfa-tree-no-root = the catalog has no Pages entry referring to a page tree; the PJ has no page
pdfa-tree-no-page = the page tree holds no page: a PDF without a page is no PJ
pdfa-tree-loop-self = the page tree loops: a Kids entry of { $parent } refers to { $parent } itself
pdfa-tree-loop = the page tree loops: a Kids entry of { $parent } refers to { $node }, which contains it
pdfa-tree-shared = the page tree is not a tree: { $node } is reached a second time, from a Kids entry of { $parent }
pdfa-tree-missing = a Kids entry of { $parent } refers to { $node }, an object that is absent or does not parse
pdfa-tree-root-missing = the catalog's Pages entry refers to { $node }, an object that is absent or does not parse
pdfa-tree-not-dictionary = a Kids entry of { $parent } refers to { $node }, which is not a page or page tree dictionary
pdfa-tree-root-not-dictionary = the catalog's Pages entry refers to { $node }, which is not a page or page tree dictionary
pdfa-tree-direct = a Kids entry of { $parent } is a direct object, not a reference to a page
pdfa-tree-no-kids = the page tree node { $node } has no Kids array

## decode.rs
pdfa-decode-over-limit = the data decodes past { $limit } bytes
pdfa-decode-unsupported = filter { $filter } is not decoded here
pdfa-decode-too-many-filters = the stream has { $filters } filters, more than { $max }

## error.rs
pdfa-read-too-large = the file ({ $bytes } bytes) is larger than max_input_bytes ({ $max })
pdfa-read-over-limit = an object stream decodes past { $limit } bytes
pdfa-read-parser-gave-up = the PDF parser gave up on this file
pdfa-read-utf8 = the XMP packet is not valid UTF-8: { $error }
pdfa-read-utf16 = the XMP packet is not valid UTF-16: { $error }
pdfa-read-utf32 = the XMP packet is not valid UTF-32
pdfa-read-xml = XML error: { $error }
pdfa-read-doctype = the XMP packet contains a DOCTYPE declaration
pdfa-read-unclosed = the XMP packet ends before all elements are closed
pdfa-read-no-rdf = the XMP packet has no rdf:RDF element
pdfa-read-undeclared-prefix = namespace prefix { $prefix } is not declared
pdfa-read-unknown-entity = unknown entity &{ $entity };
pdfa-read-no-namespace = property { $property } has no namespace
pdfa-read-attribute = bad attribute: { $error }
pdfa-read-attribute-value = bad attribute value: { $error }

## write.rs
pdfa-scan-no-pages = a scan needs at least one page
pdfa-scan-empty-page = page { $page }: width, height and dpi must be positive
pdfa-scan-raster-size = page { $page }: the raster holds { $got } bytes, { $expected } expected
pdfa-scan-page-too-large = page { $page }: larger than 14400 points at its dpi

## report.rs
pdfa-stop-stream-object = stream { $object } decodes past { $limit } bytes
pdfa-stop-stream = a stream decodes past { $limit } bytes
pdfa-stop-page-content = the content streams of page { $page } ({ $object }) decode past { $limit } bytes
pdfa-stop-object-stream = an object stream decodes past { $limit } bytes, so the file could not be loaded
pdfa-stop-objects = the file has { $total } indirect objects, more than { $limit }: only the first { $limit } were read
pdfa-stop-pages = the page tree holds more than { $limit } pages: only the first { $limit } were read
pdfa-further-findings = further findings of { $clause } test { $test } are not listed
