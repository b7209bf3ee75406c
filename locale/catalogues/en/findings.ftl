## Reading an XML message (header, index, ARL): scor-dictionary's streaming validator.

xml-file-too-large = file is { $size } bytes; the reading limit is { $max }
xml-not-utf8 = file is not UTF-8 text
xml-not-well-formed = not well-formed XML: { $detail }
xml-dtd = the document declares a DTD; SCOR messages have none and entities are never expanded
xml-too-deep = elements nest deeper than { $depth } levels
xml-element-in-field = element <{ $element }> inside data element { $id }, which holds text only
xml-element-after-root = element <{ $element }> after the root element
xml-root = root element is <{ $element }>; { $profil } needs <{ $root }> in namespace { $namespace }
xml-root-outside-namespace = root element is <{ $element }> outside the message namespace; { $profil } needs <{ $root }> in namespace { $namespace }
xml-bad-attribute = bad attribute on <{ $element }>: { $detail }
xml-attribute-entity = attribute value refers to an entity that is never expanded: { $detail }
xml-unknown-attribute = attribute { $name } is not an attribute of <{ $element }>
xml-too-many-attributes = { $count } attributes; the limit is { $max }
xml-attribute-value = attribute { $name } is { $value }; { $profil } needs { $expected }
xml-attribute-missing = attribute { $name } is missing; { $profil } needs { $expected }
xml-outside-namespace = element <{ $element }> is outside the namespace { $namespace }
xml-unknown-element = element <{ $element }> is not part of { $profil } here
xml-order = element <{ $element }> comes after <{ $before }>; it must come before it
xml-too-many = element <{ $element }> occurs { $count } times; at most { $max } allowed
xml-missing = required element <{ $element }> is missing from { $parent }
xml-too-few = element <{ $element }> occurs { $count } times; at least { $min } required
xml-text-too-long = text longer than { $max } bytes
xml-text-in-group = text where elements are expected
xml-text-outside-root = text outside the root element
xml-bad-char-ref = bad character reference: { $detail }
xml-undefined-entity = entity &{ $name }; is not one of XML's predefined entities; entities are never expanded
xml-no-root = no root element: the file is empty or not XML
xml-truncated = the file ends inside an element (truncated)
xml-finding-limit-reached = { $finding } (finding limit reached: later findings of this file are not reported)
xml-model-not-built = typed model not built: { $detail }
xml-details-masked = details masked: patient data

## The value of one data element.

value-masked = the value (masked: patient data)
value-length = { $value } has { $length } characters; { $id } allows { $allowed }
length-exactly = exactly { $count }
length-range = { $min } to { $max }
value-character = { $value } holds the character U+{ $code }, which XML cannot carry
value-pattern = { $value } does not match the pattern { $pattern }
value-code = { $value } is not a code of the list { $list }
value-digits = { $value } is not made of digits only
value-range = { $value } is outside { $range }
value-date = { $value } is not a calendar date AAAA-MM-JJ
value-datetime = { $value } is not a date and time AAAA-MM-JJThh:mm:ss
recipient-empty = recipient { $position } is empty
recipient-no-role = recipient { $position } has no role prefix
recipient-bad-address-shown = recipient { $position } has an invalid e-mail address { $address }
recipient-bad-address = recipient { $position } has an invalid e-mail address
recipient-spaces = recipient { $position } has spaces the grammar does not allow
recipient-combination = roles { $roles } are not an allowed combination ({ $allowed })
xml-model-not-written = the model could not be written as XML: { $detail }
