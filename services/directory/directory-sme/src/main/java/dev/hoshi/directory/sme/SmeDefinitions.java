package dev.hoshi.directory.sme;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoshi.directory.api.organization.IndustryDivisionView;
import dev.hoshi.directory.api.organization.JsicDivision;
import dev.hoshi.directory.api.organization.SmeClass;
import dev.hoshi.directory.api.organization.SmeSector;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The SME classes of 中小企業基本法 as data ({@code sme/sme-definitions.yml}): each sector's thresholds, and which
 * sector each JSIC major division falls into. {@link #load()} reads and checks the file; anything unsound stops the
 * service at start-up with a message naming every fault. Changing the file changes every derived class at once:
 * classes are derived when read, never stored in events.
 */
public final class SmeDefinitions {

    public static final String RESOURCE = "sme/sme-definitions.yml";

    private static final long MAX_EMPLOYEES = 10_000_000L;
    private static final long MAX_CAPITAL_YEN = 1_000_000_000_000_000L;

    private final Source source;
    private final Map<SmeSector, Thresholds> thresholds;
    private final Map<JsicDivision, Division> divisions;

    private SmeDefinitions(
            Source source, Map<SmeSector, Thresholds> thresholds, Map<JsicDivision, Division> divisions) {
        this.source = source;
        this.thresholds = thresholds;
        this.divisions = divisions;
    }

    /** The legal basis the thresholds come from, in Japanese and English. */
    public record Source(String ja, String en) {}

    /**
     * A sector's thresholds: an SME has at most {@code smeMaxEmployees} employees or at most {@code
     * smeMaxCapitalYen} capital; a small enterprise at most {@code smallMaxEmployees} employees.
     */
    public record Thresholds(int smeMaxEmployees, long smeMaxCapitalYen, int smallMaxEmployees) {}

    /**
     * A division's sectors: one option, or several for the owner to choose among, with a default when one is
     * usual. {@code uncertain} says what is doubtful about the mapping (for people maintaining it).
     */
    public record Division(
            JsicDivision division,
            List<IndustryDivisionView.SectorOption> options,
            SmeSector defaultSector,
            String uncertain) {

        public List<SmeSector> sectors() {
            return options.stream()
                    .map(IndustryDivisionView.SectorOption::sector)
                    .toList();
        }
    }

    /** Reads and checks {@value #RESOURCE} from the classpath. */
    public static SmeDefinitions load() {
        try (InputStream in = SmeDefinitions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The SME definitions " + RESOURCE + " are missing from the classpath.");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /**
     * Reads and checks definitions written as in {@value #RESOURCE}.
     *
     * @param origin names the text in error messages
     * @throws IllegalStateException naming every fault found
     */
    public static SmeDefinitions parse(String yaml, String origin) {
        FileShape file;
        try {
            Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            file = new ObjectMapper()
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                    .convertValue(tree, FileShape.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "The SME definitions in " + origin + " cannot be read: " + e.getMessage(), e);
        }
        if (file == null) {
            throw new IllegalStateException("The SME definitions in " + origin + " are empty.");
        }
        return new Checker(origin).check(file);
    }

    public Source source() {
        return source;
    }

    public Thresholds thresholds(SmeSector sector) {
        return thresholds.get(sector);
    }

    public Division division(JsicDivision division) {
        return divisions.get(division);
    }

    /** Every division in order A to T, as the industry picker shows them. */
    public List<IndustryDivisionView> divisions() {
        return divisions.values().stream()
                .map(d -> new IndustryDivisionView(d.division(), d.options(), d.defaultSector()))
                .toList();
    }

    /**
     * The sector an organisation in {@code division} falls into: {@code chosen} when it is one of the division's,
     * else the division's only or default sector; empty when the division spans sectors and none applies.
     */
    public Optional<SmeSector> sectorOf(JsicDivision division, SmeSector chosen) {
        Division d = divisions.get(division);
        if (d == null) {
            return Optional.empty();
        }
        if (chosen != null && d.sectors().contains(chosen)) {
            return Optional.of(chosen);
        }
        if (d.options().size() == 1) {
            return Optional.of(d.options().get(0).sector());
        }
        return Optional.ofNullable(d.defaultSector());
    }

    /**
     * As {@link #sectorOf}, for input: a chosen sector that is not one of the division's is {@code
     * INVALID_SME_SECTOR}, and a division that spans sectors without a default needs a choice ({@code
     * SME_SECTOR_REQUIRED}).
     */
    public SmeSector requireSector(JsicDivision division, SmeSector chosen) {
        Division d = divisions.get(division);
        if (chosen != null && !d.sectors().contains(chosen)) {
            throw new HoshiException(
                    "INVALID_SME_SECTOR",
                    ErrorKind.INVALID_INPUT,
                    "Division " + division + " (" + division.nameEn() + ") falls into " + d.sectors() + ", not "
                            + chosen + ".",
                    "大分類 " + division + "（" + division.nameJa() + "）の区分は " + d.sectors() + " のいずれかです（指定: " + chosen
                            + "）。");
        }
        return sectorOf(division, chosen)
                .orElseThrow(() -> new HoshiException(
                        "SME_SECTOR_REQUIRED",
                        ErrorKind.INVALID_INPUT,
                        "Division " + division + " (" + division.nameEn() + ") spans several SME sectors; say which"
                                + " of " + d.sectors() + " the business falls into.",
                        "大分類 " + division + "（" + division.nameJa() + "）は複数の区分にまたがります。" + d.sectors()
                                + " のどれに当たるかを指定してください。"));
    }

    /**
     * The class of an organisation in {@code sector}: an SME when its employees or its capital are within the
     * sector's thresholds (either suffices; without capital, employees decide), small when its employees are within
     * the small-enterprise threshold, else large.
     */
    public SmeClass classify(SmeSector sector, int employees, Long capitalYen) {
        Thresholds t = thresholds.get(sector);
        boolean sme = employees <= t.smeMaxEmployees() || (capitalYen != null && capitalYen <= t.smeMaxCapitalYen());
        if (!sme) {
            return SmeClass.LARGE;
        }
        return employees <= t.smallMaxEmployees() ? SmeClass.SMALL : SmeClass.MEDIUM;
    }

    /** The class of an organisation in {@code division}, or empty when its sector cannot be told. */
    public Optional<SmeClass> classify(JsicDivision division, SmeSector chosen, int employees, Long capitalYen) {
        return sectorOf(division, chosen).map(sector -> classify(sector, employees, capitalYen));
    }

    /** Bounds of sane input, shared with the checks on a profile. */
    public static boolean plausibleEmployees(long employees) {
        return employees >= 0 && employees <= MAX_EMPLOYEES;
    }

    public static boolean plausibleCapital(long capitalYen) {
        return capitalYen >= 0 && capitalYen <= MAX_CAPITAL_YEN;
    }

    // ---- the file's shape, as written; checked into the types above

    record FileShape(SourceShape source, Map<String, ThresholdShape> sectors, Map<String, DivisionShape> divisions) {}

    record SourceShape(String ja, String en) {}

    record ThresholdShape(Long smeMaxEmployees, Long smeMaxCapitalYen, Long smallMaxEmployees) {}

    record DivisionShape(@JsonProperty("default") String defaultSector, List<OptionShape> options, String uncertain) {}

    record OptionShape(String sector, String ja, String en) {}

    /** Collects every fault, so one start-up names them all. */
    private static final class Checker {

        private final String origin;
        private final List<String> faults = new ArrayList<>();

        Checker(String origin) {
            this.origin = origin;
        }

        SmeDefinitions check(FileShape file) {
            Source source = source(file.source());
            Map<SmeSector, Thresholds> thresholds = thresholds(file.sectors());
            Map<JsicDivision, Division> divisions = divisions(file.divisions());
            if (!faults.isEmpty()) {
                throw new IllegalStateException(
                        "The SME definitions in " + origin + " are unsound:\n - " + String.join("\n - ", faults));
            }
            return new SmeDefinitions(source, thresholds, divisions);
        }

        private Source source(SourceShape source) {
            if (source == null || blank(source.ja()) || blank(source.en())) {
                faults.add("source: give the legal basis in Japanese (ja) and English (en)");
                return null;
            }
            return new Source(source.ja().strip(), source.en().strip());
        }

        private Map<SmeSector, Thresholds> thresholds(Map<String, ThresholdShape> sectors) {
            Map<SmeSector, Thresholds> result = new EnumMap<>(SmeSector.class);
            Map<String, ThresholdShape> given = sectors == null ? Map.of() : sectors;
            given.forEach((name, shape) -> {
                Optional<SmeSector> sector = sector(name);
                if (sector.isEmpty()) {
                    faults.add("sectors." + name + ": no such sector; the sectors are " + names(SmeSector.values()));
                    return;
                }
                if (shape == null) {
                    faults.add("sectors." + name + ": give smeMaxEmployees, smeMaxCapitalYen and smallMaxEmployees");
                    return;
                }
                boolean sound = positive("sectors." + name + ".smeMaxEmployees", shape.smeMaxEmployees(), MAX_EMPLOYEES)
                        & positive("sectors." + name + ".smeMaxCapitalYen", shape.smeMaxCapitalYen(), MAX_CAPITAL_YEN)
                        & positive("sectors." + name + ".smallMaxEmployees", shape.smallMaxEmployees(), MAX_EMPLOYEES);
                if (sound && shape.smallMaxEmployees() > shape.smeMaxEmployees()) {
                    faults.add("sectors." + name + ": smallMaxEmployees (" + shape.smallMaxEmployees()
                            + ") exceeds smeMaxEmployees (" + shape.smeMaxEmployees()
                            + "); a small enterprise is an SME");
                    sound = false;
                }
                if (sound) {
                    result.put(
                            sector.get(),
                            new Thresholds(
                                    shape.smeMaxEmployees().intValue(),
                                    shape.smeMaxCapitalYen(),
                                    shape.smallMaxEmployees().intValue()));
                }
            });
            for (SmeSector sector : SmeSector.values()) {
                if (!given.containsKey(sector.name())) {
                    faults.add("sectors." + sector + ": missing; every sector needs thresholds");
                }
            }
            return result;
        }

        private Map<JsicDivision, Division> divisions(Map<String, DivisionShape> divisions) {
            Map<JsicDivision, Division> result = new EnumMap<>(JsicDivision.class);
            Map<String, DivisionShape> given = divisions == null ? Map.of() : divisions;
            given.forEach((letter, shape) -> {
                Optional<JsicDivision> division = Arrays.stream(JsicDivision.values())
                        .filter(d -> d.name().equals(letter))
                        .findFirst();
                if (division.isEmpty()) {
                    faults.add("divisions." + letter + ": no such JSIC major division; they are A to T");
                    return;
                }
                division(division.get(), shape).ifPresent(d -> result.put(d.division(), d));
            });
            for (JsicDivision division : JsicDivision.values()) {
                if (!given.containsKey(division.name())) {
                    faults.add("divisions." + division + ": missing; every division A to T needs a sector");
                }
            }
            return result;
        }

        private Optional<Division> division(JsicDivision division, DivisionShape shape) {
            String at = "divisions." + division;
            if (shape == null || shape.options() == null || shape.options().isEmpty()) {
                faults.add(at + ".options: give at least one sector option");
                return Optional.empty();
            }
            int before = faults.size();
            List<IndustryDivisionView.SectorOption> options = new ArrayList<>();
            Set<SmeSector> seen = new TreeSet<>();
            for (int i = 0; i < shape.options().size(); i++) {
                OptionShape option = shape.options().get(i);
                String here = at + ".options[" + i + "]";
                if (option == null) {
                    faults.add(here + ": empty");
                    continue;
                }
                Optional<SmeSector> sector = sector(option.sector());
                if (sector.isEmpty()) {
                    faults.add(here + ".sector: '" + option.sector() + "' is not one of " + names(SmeSector.values()));
                } else if (!seen.add(sector.get())) {
                    faults.add(here + ".sector: " + sector.get() + " is listed twice");
                }
                if (blank(option.ja()) || blank(option.en())) {
                    faults.add(here + ": describe the option in Japanese (ja) and English (en)");
                }
                sector.ifPresent(s ->
                        options.add(new IndustryDivisionView.SectorOption(s, strip(option.ja()), strip(option.en()))));
            }
            SmeSector defaultSector = null;
            if (shape.defaultSector() != null) {
                Optional<SmeSector> chosen = sector(shape.defaultSector());
                if (chosen.isEmpty() || !seen.contains(chosen.get())) {
                    faults.add(at + ".default: '" + shape.defaultSector() + "' is not one of the division's options "
                            + seen);
                } else {
                    defaultSector = chosen.get();
                }
            }
            if (faults.size() > before) {
                return Optional.empty();
            }
            return Optional.of(new Division(division, List.copyOf(options), defaultSector, strip(shape.uncertain())));
        }

        private boolean positive(String at, Long value, long max) {
            if (value == null) {
                faults.add(at + ": missing");
                return false;
            }
            if (value <= 0 || value > max) {
                faults.add(at + ": " + value + " is not between 1 and " + max);
                return false;
            }
            return true;
        }

        private static Optional<SmeSector> sector(String name) {
            return Arrays.stream(SmeSector.values())
                    .filter(s -> s.name().equals(name))
                    .findFirst();
        }

        private static String names(Enum<?>[] values) {
            return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
        }

        private static boolean blank(String text) {
            return text == null || text.isBlank();
        }

        private static String strip(String text) {
            return text == null ? null : text.strip();
        }
    }
}
