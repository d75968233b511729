import { sentences } from './catalogue';
import { automationSentencesZhCN } from './sentences-automation';
import { captureSentencesZhCN } from './sentences-capture';
import { coreSentencesZhCN } from './sentences-core';
import { fieldsSentencesZhCN } from './sentences-fields';
import { framingSentencesZhCN } from './sentences-framing';
import { librarySentencesZhCN } from './sentences-library';
import { payloadSentencesZhCN } from './sentences-payload';
import { relaySentencesZhCN } from './sentences-relay';
import { socketSentencesZhCN } from './sentences-socket';
import { tlsSentencesZhCN } from './sentences-tls';
import { udpSentencesZhCN } from './sentences-udp';
import { workspaceSentencesZhCN } from './sentences-workspace';

/** Every message in Simplified Chinese; each domain's sentences live in sentences-<domain>.ts. */
export const sentencesZhCN = sentences({
  ...socketSentencesZhCN,
  ...tlsSentencesZhCN,
  ...udpSentencesZhCN,
  ...relaySentencesZhCN,
  ...captureSentencesZhCN,
  ...librarySentencesZhCN,
  ...coreSentencesZhCN,
  ...payloadSentencesZhCN,
  ...framingSentencesZhCN,
  ...fieldsSentencesZhCN,
  ...workspaceSentencesZhCN,
  ...automationSentencesZhCN,
});
