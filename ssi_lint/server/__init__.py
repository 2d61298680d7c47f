"""`ssi-lint server`: a language server (LSP over standard input and output) built on pygls.

It needs the `lsp` extra (`pip install 'ssi-lint[lsp]'`); nothing else in
ssi-lint imports this package, so the command line never pays for pygls.
Modules: `analysis` lints an open document with the configuration of its
folder, `diagnostics` turns findings into LSP diagnostics, `hover` and
`actions` answer the editor, and `protocol` wires them to pygls.
"""
