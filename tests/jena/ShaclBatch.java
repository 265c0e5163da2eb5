// Validate many data files against one shapes file with Apache Jena SHACL, in one JVM.
// Usage: java -cp JENA_JARS ShaclBatch.java SHAPES DATA...
// Prints one tab-separated line per top-level result:
// data file, focus node, path, constraint component, severity ("-" when absent).
// A data file Jena cannot read or validate prints "data file<TAB>ERROR<TAB>message".

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sys.JenaSystem;

public class ShaclBatch {
    public static void main(String[] args) {
        JenaSystem.init();
        Shapes shapes = Shapes.parse(RDFDataMgr.loadGraph(args[0]));
        for (int i = 1; i < args.length; i++) {
            String file = args[i];
            List<String> lines = new ArrayList<>();
            try {
                Graph data = RDFDataMgr.loadGraph(file);
                ValidationReport report = ShaclValidator.get().validate(shapes, data);
                for (ReportEntry entry : report.getEntries()) {
                    lines.add(String.join("\t", file, text(entry.focusNode()),
                        entry.resultPath() == null ? "-" : entry.resultPath().toString(),
                        text(entry.constraint().getComponent()), text(entry.severity().level())));
                }
            } catch (RuntimeException error) {
                lines.add(file + "\tERROR\t" + String.valueOf(error.getMessage()).replace('\n', ' '));
            }
            Collections.sort(lines);
            lines.forEach(System.out::println);
        }
    }

    private static String text(Node node) {
        if (node == null) return "-";
        return node.isBlank() ? "_:" : node.toString();
    }
}
