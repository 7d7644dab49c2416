package dev.renkei.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.spi.discovery.ClashingBoardProvider;
import dev.renkei.core.spi.discovery.GoodAtsProvider;
import dev.renkei.core.spi.discovery.GoodBoardProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.Enumeration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectorRegistryTest {
    /**
     * Sees only the {@code META-INF/services} files under one test folder (not those of the whole class path), and
     * loads the provider classes from the test classes.
     */
    private static ClassLoader servicesFrom(String folder) {
        URL root = ConnectorRegistryTest.class.getResource("/discovery/" + folder + "/");
        return new URLClassLoader(new URL[] {root}, ConnectorRegistryTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.startsWith("META-INF/services/") ? findResources(name) : super.getResources(name);
            }
        };
    }

    private static MediaConnectorProvider media(String id) {
        return new MediaConnectorProvider() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public MediaConnector create(ConnectorContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @BeforeEach
    void resetCounters() {
        GoodBoardProvider.CONSTRUCTED.set(0);
        GoodBoardProvider.CREATED.set(0);
    }

    @Test
    void registersProvidersExplicitlyByKind() {
        GoodBoardProvider board = new GoodBoardProvider();
        GoodAtsProvider ats = new GoodAtsProvider();

        ConnectorRegistry registry = ConnectorRegistry.builder().register(board).register(ats).build();

        assertThat(registry.media("good-board")).containsSame(board);
        assertThat(registry.ats("good-ats")).containsSame(ats);
        assertThat(registry.media("good-ats")).isEmpty();
        assertThat(registry.ids(ConnectorKind.MEDIA)).containsExactly("good-board");
        assertThat(registry.ids(ConnectorKind.ATS)).containsExactly("good-ats");
        assertThat(registry.find(ConnectorKind.MEETING, "zoom")).isEmpty();
        assertThat(registry.find(ConnectorKind.JOB_SEEKER, "porters")).isEmpty();
        assertThat(registry.report()).containsExactly(
                "registered media connector 'good-board' (" + GoodBoardProvider.class.getName() + ")",
                "registered ATS connector 'good-ats' (" + GoodAtsProvider.class.getName() + ")");
    }

    @Test
    void rejectsTwoProvidersWithOneIdNamingBothClasses() {
        ConnectorRegistry.Builder b = ConnectorRegistry.builder().register(new GoodBoardProvider());

        assertThatThrownBy(() -> b.register(new ClashingBoardProvider()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'good-board'")
                .hasMessageContaining(GoodBoardProvider.class.getName())
                .hasMessageContaining(ClashingBoardProvider.class.getName());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Doda", "doda_x", "1doda", "do da", "doda\n"})
    void rejectsAnInvalidIdNamingTheClass(String id) {
        MediaConnectorProvider p = media(id);

        assertThatThrownBy(() -> ConnectorRegistry.builder().register(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connector id")
                .hasMessageContaining(p.getClass().getName())
                .hasMessageNotContaining("\n");
    }

    @Test
    void rejectsAProviderOfNoKnownKind() {
        ConnectorProvider<String> odd = new ConnectorProvider<>() {
            @Override
            public String id() {
                return "odd";
            }

            @Override
            public String create(ConnectorContext context) {
                return "x";
            }
        };

        assertThatThrownBy(() -> ConnectorRegistry.builder().register(odd))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none of the provider interfaces");
        assertThatThrownBy(() -> ConnectorRegistry.builder().register(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void discoveryLoadsTheGoodProvidersAndReportsEachBrokenOne() {
        ConnectorRegistry registry = ConnectorRegistry.builder().discover(servicesFrom("mixed")).build();

        assertThat(registry.ids(ConnectorKind.MEDIA)).containsExactlyInAnyOrder("good-board", "other-board");
        assertThat(registry.ids(ConnectorKind.ATS)).containsExactly("good-ats");
        assertThat(registry.report())
                .anySatisfy(l -> assertThat(l).startsWith("registered media connector 'good-board'"))
                .anySatisfy(l -> assertThat(l).startsWith("registered media connector 'other-board'"))
                .anySatisfy(l -> assertThat(l).startsWith("registered ATS connector 'good-ats'"))
                .anySatisfy(l -> assertThat(l).startsWith("failed").contains("ThrowingConstructorProvider")
                        .contains("boom in constructor"))
                .anySatisfy(l -> assertThat(l).startsWith("failed").contains("NoSuchProvider"))
                .anySatisfy(l -> assertThat(l).startsWith("failed").contains("FailingStaticInitProvider")
                        .contains("boom in static init"))
                .anySatisfy(l -> assertThat(l).startsWith("failed").contains("ThrowingIdProvider")
                        .contains("boom in id()"))
                .anySatisfy(l -> assertThat(l).startsWith("failed").contains("NotAProvider"));
        assertThat(registry.report()).filteredOn(l -> l.startsWith("failed")).hasSize(5);
    }

    @Test
    void discoveryRejectsTwoDifferentProvidersWithOneId() {
        ConnectorRegistry.Builder b = ConnectorRegistry.builder();

        assertThatThrownBy(() -> b.discover(servicesFrom("clash")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'good-board'")
                .hasMessageContaining(GoodBoardProvider.class.getName())
                .hasMessageContaining(ClashingBoardProvider.class.getName());
    }

    @Test
    void aProviderRegisteredExplicitlyAndFoundOnTheClassPathCountsOnce() {
        GoodBoardProvider explicit = new GoodBoardProvider();

        ConnectorRegistry registry = ConnectorRegistry.builder().register(explicit)
                .discover(servicesFrom("mixed")).build();

        assertThat(registry.media("good-board")).containsSame(explicit);
        assertThat(registry.report()).anySatisfy(l -> assertThat(l).startsWith("skipped")
                .contains(GoodBoardProvider.class.getName()).contains("already registered"));
    }

    @Test
    void nothingIsCreatedUntilTheHostAsks() {
        ConnectorRegistry registry = ConnectorRegistry.builder().discover(servicesFrom("mixed")).build();
        registry.report();
        registry.ids(ConnectorKind.MEDIA);
        MediaConnectorProvider board = registry.media("good-board").orElseThrow();

        assertThat(GoodBoardProvider.CONSTRUCTED.get()).isEqualTo(1);
        assertThat(GoodBoardProvider.CREATED.get()).isZero();

        board.create(ConnectorContext.of(dev.renkei.core.http.HttpExecutor.builder().build()));
        assertThat(GoodBoardProvider.CREATED.get()).isEqualTo(1);
    }

    @Test
    void anEmptyClassPathGivesAnEmptyRegistry() {
        ConnectorRegistry registry = ConnectorRegistry.builder().discover(new URLClassLoader(new URL[0], null) {
            @Override
            public Enumeration<URL> getResources(String name) {
                return Collections.emptyEnumeration();
            }
        }).build();

        assertThat(registry.ids(ConnectorKind.MEDIA)).isEmpty();
        assertThat(registry.report()).isEmpty();
    }

    /** A kind the registry was not written for. */
    interface FaxConnectorProvider extends ConnectorProvider<Runnable> {}

    @Test
    void aNewKindRegistersWithoutNewRegistryCode() {
        ConnectorKind<FaxConnectorProvider> fax = new ConnectorKind<>("fax", FaxConnectorProvider.class);
        FaxConnectorProvider provider = new FaxConnectorProvider() {
            @Override
            public String id() {
                return "fax-jp";
            }

            @Override
            public Runnable create(ConnectorContext context) {
                return () -> { };
            }
        };

        ConnectorRegistry registry = ConnectorRegistry.builder().kind(fax).register(provider).build();

        assertThat(registry.find(fax, "fax-jp")).containsSame(provider);
        assertThat(registry.ids(fax)).containsExactly("fax-jp");
        assertThat(registry.ids(ConnectorKind.MEDIA)).isEmpty();
        assertThat(registry.report()).singleElement().asString().contains("fax connector 'fax-jp'");
        assertThatThrownBy(() -> ConnectorRegistry.builder().register(provider))
                .as("a kind nobody declared").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("none of the provider interfaces");
    }
}
