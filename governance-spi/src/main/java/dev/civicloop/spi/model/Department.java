package dev.civicloop.spi.model;

import dev.civicloop.spi.internal.Check;

/**
 * A handling department (职能部门): {@code Department.of("gas-co", "燃气公司", "Gas company")}.
 */
public record Department(DepartmentId id, String nameZh, String nameEn) {
    public Department {
        Check.notNull("id", id);
        Check.text("nameZh", nameZh, 200);
        Check.text("nameEn", nameEn, 200);
    }

    public static Department of(String id, String nameZh, String nameEn) {
        return new Department(DepartmentId.of(id), nameZh, nameEn);
    }
}
