/** The sentences of catalogue-capture.ts in each language (see sentences-socket.ts). */

export const captureSentencesEn = {
  'capture.write-failed-full':
    'Writing the capture file {file} failed (the disk is full); the capture stopped, and the file keeps the {chunks} chunks ({size}) that reached the disk',
  'capture.write-failed':
    'Writing the capture file {file} failed ({code}); the capture stopped, and the file keeps the {chunks} chunks ({size}) that reached the disk',
  'capture.disk-full':
    'The disk holding {dir} is full ({free} free); free some space before capturing to disk',
  'capture.create-failed': 'Could not create a capture file in {dir} ({code})',
  'capture.open-failed': 'Could not create the capture file {file}: {reason}',
  'capture.falling-behind':
    'The disk is not keeping up with the capture to {file}; chunks that do not fit are counted as missed (they stay in the log while it has room)',
  'capture.budget-clamped':
    "A capture log budget of {asked} is more than half of this machine's memory ({total}); the log keeps up to {applied} instead",
  'capture.nothing-to-stop': 'Connection {id} has no capture to disk to stop',
  'export.too-large':
    'The export is larger than {max}; export a selection, or capture to disk for long runs',
  'search.no-such-scan':
    'There is no search or filter {scanId}: it was closed, replaced by newer ones, or its connection was removed',
  'search.bad-hex': 'The hex pattern is not valid: {reason}',
  'search.unencodable': 'The text cannot be looked for in {encoding}: {reason}',
  'search.bad-regex': 'The regular expression is not valid: {detail}',
  'search.empty-pattern': 'The pattern has no bytes to look for',
  'search.stopped': 'The search stopped before the end: {reason}',
  'search.worker-failed': 'The search worker failed: {detail}',
  'search.worker-exited': 'The search worker stopped unexpectedly',
  'search.runaway-cancelled':
    'it was cancelled while a regular expression was still running, so the worker was restarted',
  'search.runaway-stopped':
    'the regular expression ran for more than {seconds} s on one piece of the log (it backtracks without end), so it was stopped',
  'search.job-failed': 'the search failed: {detail}',
  'app.closing': 'Wirebench is closing',
} as const;

export const captureSentencesZhCN = {
  'capture.write-failed-full':
    '写入抓包文件 {file} 失败（磁盘已满）；抓包已停止，文件保留了已写入磁盘的 {chunks} 个数据块（{size}）',
  'capture.write-failed':
    '写入抓包文件 {file} 失败（{code}）；抓包已停止，文件保留了已写入磁盘的 {chunks} 个数据块（{size}）',
  'capture.disk-full': '{dir} 所在的磁盘已满（剩余 {free}）；请先腾出空间再抓包到磁盘',
  'capture.create-failed': '无法在 {dir} 中创建抓包文件（{code}）',
  'capture.open-failed': '无法创建抓包文件 {file}：{reason}',
  'capture.falling-behind':
    '磁盘写入跟不上到 {file} 的抓包；放不下的数据块记为遗漏（日志有空间时它们仍保留在日志中）',
  'capture.budget-clamped':
    '抓包日志预算 {asked} 超过了本机内存（{total}）的一半；日志改为最多保留 {applied}',
  'capture.nothing-to-stop': '连接 {id} 没有正在进行的磁盘抓包',
  'export.too-large': '导出内容超过 {max}；请只导出选中的部分，长时间运行请抓包到磁盘',
  'search.no-such-scan': '没有查找或过滤 {scanId}：它已被关闭、被新的替换，或者所属连接已被移除',
  'search.bad-hex': '十六进制模式无效：{reason}',
  'search.unencodable': '无法用 {encoding} 编码查找这段文本：{reason}',
  'search.bad-regex': '正则表达式无效：{detail}',
  'search.empty-pattern': '模式中没有要查找的字节',
  'search.stopped': '查找未完成就停止了：{reason}',
  'search.worker-failed': '查找线程出错：{detail}',
  'search.worker-exited': '查找线程意外停止',
  'search.runaway-cancelled': '取消时正则表达式仍在运行，因此重启了查找线程',
  'search.runaway-stopped':
    '正则表达式在日志的一段上运行超过 {seconds} 秒（回溯无法结束），已被停止',
  'search.job-failed': '查找出错：{detail}',
  'app.closing': 'Wirebench 正在关闭',
} as const;
