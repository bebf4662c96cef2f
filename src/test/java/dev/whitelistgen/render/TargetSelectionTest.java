package dev.whitelistgen.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitelistgen.UserError;
import dev.whitelistgen.testing.Repo;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetSelectionTest {

    private static final TargetCatalog CATALOG = new TargetCatalog(List.of(Repo.path("templates")));

    @Test
    void byDefaultEveryTargetAndThoseNeedingADomainOnlyWithOne() {
        TargetSelection withoutDomain = TargetSelection.of(CATALOG, List.of(), false);
        assertThat(withoutDomain.included()).noneMatch(Target::requiresDomain).isNotEmpty();
        assertThat(withoutDomain.skipped()).extracting(Target::name).contains("bind").allMatch(name -> CATALOG.get(name).requiresDomain());
        assertThat(withoutDomain.named()).isFalse();
        TargetSelection withDomain = TargetSelection.of(CATALOG, List.of(), true);
        assertThat(withDomain.included()).containsExactlyElementsOf(CATALOG.all());
        assertThat(withDomain.skipped()).isEmpty();
    }

    @Test
    void namedTargetsOnceEachInNameOrderAndAnUnknownOneIsAUsageError() {
        TargetSelection named = TargetSelection.of(CATALOG, List.of("postfix", " BIND", "postfix"), false);
        assertThat(named.included()).extracting(Target::name).containsExactly("bind", "postfix");
        assertThat(named.named()).isTrue();
        assertThatThrownBy(() -> TargetSelection.of(CATALOG, List.of("sendmail"), false))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.USAGE))
                .hasMessageContaining("unknown target 'sendmail'");
    }
}
