// Runs Monaco's platform chunk, one stage of monaco-loader.ts.
import 'monaco-editor/platform/instantiation/common/instantiation';
