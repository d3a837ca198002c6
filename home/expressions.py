"""SQL expressions Django lacks, shared by the apps' queries."""

from django.db.models import BooleanField, Func


class InArray(Func):
    """`column = ANY(ARRAY(subquery))` (PostgreSQL): the subquery runs once and each of its rows
    is looked up by the column's index. As `column IN (subquery)`, PostgreSQL, which expects a
    third of the search index's entries to hold any word (it has no statistics for the vector
    expression), hashed every row of the table instead: every document of a search scope, or
    all 50,000 profiles for a name search (docs/search.md, docs/directory.md)."""

    output_field = BooleanField()
    conditional = True

    def as_sql(self, compiler, connection, **extra_context):
        (column, column_params), (subquery, subquery_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        return f"({column} = ANY(ARRAY{subquery}))", (*column_params, *subquery_params)
