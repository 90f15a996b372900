"""Writes the parse tables of checkov's JSONPath parsers into its virtualenv, once, at
install (`make test` runs this with checkov's own Python).

Without them every JSONPath checkov parses while rendering a template rebuilds its LALR
tables from the grammar (about 0.1 s each, over 500 times for Atrium's templates); PLY
reads a table module when one is there and its grammar signature matches, and the
parsers never write one themselves. Same findings, a third of the time."""
from __future__ import annotations

import logging
import os

import ply.yacc
from bc_jsonpath_ng import parser as basic
from bc_jsonpath_ng.ext import parser as extended

# The module name each parser asks PLY for: "<its module>_<start symbol>_parsetab".
TABLE = "parser_jsonpath_parsetab"


def write_table(parser: object, module_file: str) -> None:
    ply.yacc.yacc(module=parser, start="jsonpath", tabmodule=TABLE, outputdir=os.path.dirname(module_file),
                  write_tables=True, debug=False, errorlog=logging.getLogger(__name__))


if __name__ == "__main__":
    write_table(basic.JsonPathParser(), basic.__file__)
    write_table(extended.ExtentedJsonPathParser(), extended.__file__)
