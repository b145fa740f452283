package dev.civicloop.benchmarks;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.command.Report;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.CategoryKind;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Deadline;
import dev.civicloop.spi.model.Department;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.store.jdbc.JdbcDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Ticket commands per second on the JDBC store — each one a report: a new ticket's event, its
 * summary, org units, command record, outbox notification and position, in one transaction —
 * side by side with the floor any store pays: a raw JDBC INSERT of one row and a commit, on the
 * same database, through the same pool (so the same number of connections and the same
 * {@code synchronous_commit}), from the same 4 threads.
 *
 * <p>{@code db=h2}: an H2 file in a temporary folder. {@code db=postgres}: a fresh database on the
 * server at {@code CIVICLOOP_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres},
 * user {@code postgres}), dropped afterwards.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(4)
public class TicketStoreBenchmark {
    private static final String ADMIN_URL = env("CIVICLOOP_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("CIVICLOOP_PG_USER", "postgres");
    private static final String PASSWORD = env("CIVICLOOP_PG_PASSWORD", "");
    private static final int CONNECTIONS = 4;
    private static final Actor RIDER = Actor.reporter("wang-bin", Role.MOBILE_GRID_MEMBER);

    @Param({"h2", "postgres"})
    public String db;

    private JdbcDatabase database;
    private GovernanceEngine engine;
    private Path h2Dir;
    private String pgName;
    private final AtomicLong ids = new AtomicLong();

    @Setup(Level.Trial)
    public void open() throws IOException, SQLException {
        if (db.equals("h2")) {
            h2Dir = Files.createTempDirectory("civicloop-bench-");
            database = JdbcDatabase.h2File(h2Dir.resolve("civicloop"));
        } else {
            pgName = "civicloop_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            admin("CREATE DATABASE " + pgName);
            database = JdbcDatabase.postgres(ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + pgName, USER, PASSWORD,
                    CONNECTIONS);
        }
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_raw (id BIGINT PRIMARY KEY, payload VARCHAR(200) NOT NULL)");
        }
        Category manhole = Category.builder("manhole_cover", "井盖破损", "Broken manhole cover").kind(CategoryKind.HAZARD)
                .claimWithin(Deadline.hours(24)).resolveWithin(Deadline.workingDays(1)).lead(DepartmentId.of("municipal"))
                .build();
        engine = GovernanceEngine.builder()
                .store(database.ticketStore())
                .orgUnits(List.of(OrgUnit.of("daqing", OrgLevel.CITY, "大庆市", null),
                        OrgUnit.of("yuanhang", OrgLevel.COMMUNITY, "远航社区", "daqing"),
                        OrgUnit.of("grid-6", OrgLevel.GRID, "第六网格", "yuanhang")))
                .departments(List.of(Department.of("municipal", "市政设施管理处", "Municipal facilities")))
                .categories(List.of(manhole))
                .build();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        database.close();
        if (h2Dir != null) {
            try (Stream<Path> paths = Files.walk(h2Dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (pgName != null) {
            admin("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
        }
    }

    /** One report through the engine: one transaction on the JDBC ticket store. */
    @Benchmark
    public Object ticketCommand() {
        return engine.handle(new Report(CommandId.of("bench-" + ids.incrementAndGet()), RIDER, "manhole_cover",
                Location.address("尚溪小区 3 栋"), "井盖翘起", List.of(), OrgUnitId.of("grid-6")));
    }

    /** The floor: one row inserted and committed through the same pool. */
    @Benchmark
    public int rawInsertCommit() throws SQLException {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_raw (id, payload) VALUES (?, ?)")) {
                ps.setLong(1, ids.incrementAndGet());
                ps.setString(2, "井盖翘起");
                int n = ps.executeUpdate();
                c.commit();
                return n;
            }
        }
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
