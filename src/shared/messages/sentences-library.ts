/** The sentences of catalogue-library.ts in each language (see sentences-socket.ts). */

export const librarySentencesEn = {
  'fs.permission-denied': 'permission denied',
  'fs.is-folder': 'it is a folder, not a file',
  'fs.no-folder': 'its folder does not exist',
  'fs.too-many-open': 'too many files are open right now',
  'fs.io-error': 'the disk reported an input/output error',
  'fs.other': '{detail}',
  'library.unreadable':
    'The payload library {file} could not be read ({reason}); it was left as it is, and the library is unavailable until that is fixed',
  'library.set-aside':
    'The payload library {file} could not be read ({reason}), so it was kept as {backup} and the library starts empty.',
  'library.stuck':
    'The payload library {file} could not be read ({reason}) nor moved aside ({detail}); it was left as it is, and nothing can be saved to the library until it is moved or repaired.',
  'library.save-failed': 'The payload library could not be saved to {file}: {detail}',
  'library.not-json': 'it is not valid JSON ({detail})',
  'library.not-a-library': '{issues}',
  'library.import-invalid': 'That file is not a Wirebench library: {reason}',
  'library.no-payload': 'There is no item {id} in the library',
  'library.full': 'The library holds at most {max} payloads; delete some first',
  'library.unavailable': 'The payload library is not available in this process',
  'payload-file.unavailable': 'Files cannot be used as payloads in this process',
  'payload-file.no-dialog': 'This window chooses files with its own file picker; use Upload',
  'payload-file.not-a-file': 'Could not read {path}: it is not a regular file',
  'payload-file.not-a-file-any-more':
    '{path} is not a regular file any more; choose the file again',
  'payload-file.read-failed': 'Could not read {path}: {detail}',
  'payload-file.too-big': '{name} is {size} bytes; a payload can be at most {max}',
  'payload-file.all-too-big':
    'The files of this payload are {total} bytes together; a payload can be at most {max}',
  'payload.not-sent': 'The payload was not sent: {first}',
  'payload.not-sent-more': 'The payload was not sent: {first} (and {more} more)',
} as const;

export const librarySentencesZhCN = {
  'fs.permission-denied': '没有权限',
  'fs.is-folder': '它是文件夹，不是文件',
  'fs.no-folder': '它所在的文件夹不存在',
  'fs.too-many-open': '当前打开的文件过多',
  'fs.io-error': '磁盘报告了输入/输出错误',
  'fs.other': '{detail}',
  'library.unreadable': '无法读取报文库文件 {file}（{reason}）；文件保持原样，修复之前报文库不可用',
  'library.set-aside':
    '无法读取报文库文件 {file}（{reason}），已将其另存为 {backup}，报文库从空开始。',
  'library.stuck':
    '无法读取报文库文件 {file}（{reason}），也无法将其移走（{detail}）；文件保持原样，在移走或修复之前无法向报文库保存任何内容。',
  'library.save-failed': '无法将报文库保存到 {file}：{detail}',
  'library.not-json': '它不是有效的 JSON（{detail}）',
  'library.not-a-library': '{issues}',
  'library.import-invalid': '该文件不是 Wirebench 报文库：{reason}',
  'library.no-payload': '报文库中没有项目 {id}',
  'library.full': '报文库最多保存 {max} 条数据；请先删除一些',
  'library.unavailable': '当前进程中无法使用报文库',
  'payload-file.unavailable': '当前进程中不能把文件用作发送数据',
  'payload-file.no-dialog': '此窗口使用自己的文件选择器；请使用“上传”',
  'payload-file.not-a-file': '无法读取 {path}：它不是普通文件',
  'payload-file.not-a-file-any-more': '{path} 已不再是普通文件；请重新选择该文件',
  'payload-file.read-failed': '无法读取 {path}：{detail}',
  'payload-file.too-big': '{name} 有 {size} 字节；发送数据最多 {max}',
  'payload-file.all-too-big': '这段数据引用的文件共 {total} 字节；发送数据最多 {max}',
  'payload.not-sent': '数据没有发送：{first}',
  'payload.not-sent-more': '数据没有发送：{first}（另有 {more} 处问题）',
} as const;
