package dev.civicloop.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/** Statement parameters as plain lists, for statements built from a variable number of rows. */
final class SqlParams {
    private SqlParams() {}

    /** A SQL NULL of a type, as a parameter (a bare null would leave PostgreSQL to guess the type). */
    record Null(int sqlType) {}

    /** Binds {@code params} from index {@code from}; returns the next free index. */
    static int bind(PreparedStatement ps, List<Object> params, int from) throws SQLException {
        int i = from;
        for (Object p : params) {
            if (p instanceof Null nul) {
                ps.setNull(i++, nul.sqlType());
            } else {
                ps.setObject(i++, p);
            }
        }
        return i;
    }

    /** {@code n} question marks, comma-separated. */
    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** {@code n} copies of {@code row}, comma-separated, for a multi-row VALUES. */
    static String rows(int n, String row) {
        return String.join(", ", Collections.nCopies(n, row));
    }
}
