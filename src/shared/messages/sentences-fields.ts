/** The sentences of catalogue-fields.ts in each language (see sentences-socket.ts). */

export const fieldsSentencesEn = {
  'address.host-empty': 'Enter a host name or an address',
  'address.host-spaces': 'The host has spaces around it',
  'address.host-invalid': '"{host}" is not a host name, an IPv4 or an IPv6 address',
  'address.port-empty': 'Enter a port',
  'address.port-not-number': '"{text}" is not a whole number',
  'address.port-too-big': 'Port {port} is above 65535',
  'address.port-zero': 'Port 0 only makes sense for a listener',
  'field.port-above-zero': 'The port must be 1–65535 (0 only makes sense for a listener)',
  'field.id-characters': 'The id has characters other than letters, digits, - and _',
  'field.not-bytes': 'The data must be bytes',
  'field.bytes-too-big': 'The data is larger than {max}',
  'field.certificate-file-too-big':
    'The file is larger than {max}; certificates and keys are a few KiB',
  'field.multicast-group':
    'A multicast group is an address in 224.0.0.0–239.255.255.255 (IPv4) or ff00::/8 (IPv6)',
  'field.interface-characters': 'An interface is a name like eth0 or an address like 127.0.0.1',
  'field.certificate-name-characters':
    'A certificate name may hold only letters, digits, . : * _ -',
  'field.selection-backwards': 'The selection ends before it starts (fromSeq > toSeq)',
} as const;

export const fieldsSentencesZhCN = {
  'address.host-empty': '请输入主机名或地址',
  'address.host-spaces': '主机名前后有空格',
  'address.host-invalid': '“{host}”不是主机名，也不是 IPv4 或 IPv6 地址',
  'address.port-empty': '请输入端口',
  'address.port-not-number': '“{text}”不是整数',
  'address.port-too-big': '端口 {port} 超过了 65535',
  'address.port-zero': '端口 0 只适用于监听端',
  'field.port-above-zero': '端口必须在 1–65535 之间（端口 0 只适用于监听端）',
  'field.id-characters': 'ID 中只能包含字母、数字、- 和 _',
  'field.not-bytes': '数据必须是字节',
  'field.bytes-too-big': '数据超过了 {max}',
  'field.certificate-file-too-big': '文件超过了 {max}；证书和私钥文件通常只有几 KiB',
  'field.multicast-group':
    '组播组地址应在 224.0.0.0–239.255.255.255（IPv4）或 ff00::/8（IPv6）范围内',
  'field.interface-characters': '接口应为 eth0 这样的名称或 127.0.0.1 这样的地址',
  'field.certificate-name-characters': '证书名称只能包含字母、数字以及 . : * _ -',
  'field.selection-backwards': '选择范围的结束位置在开始位置之前（fromSeq > toSeq）',
} as const;
