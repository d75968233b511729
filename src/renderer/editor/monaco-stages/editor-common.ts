// Runs Monaco's editor-common chunk, one stage of monaco-loader.ts.
import 'monaco-editor/editor/common/model/textModel';
