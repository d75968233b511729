// Runs Monaco's editor-browser chunk, one stage of monaco-loader.ts.
import 'monaco-editor/editor/browser/widget/codeEditor/codeEditorWidget';
