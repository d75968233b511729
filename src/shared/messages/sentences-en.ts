import { sentences } from './catalogue';
import { automationSentencesEn } from './sentences-automation';
import { captureSentencesEn } from './sentences-capture';
import { coreSentencesEn } from './sentences-core';
import { fieldsSentencesEn } from './sentences-fields';
import { framingSentencesEn } from './sentences-framing';
import { librarySentencesEn } from './sentences-library';
import { payloadSentencesEn } from './sentences-payload';
import { relaySentencesEn } from './sentences-relay';
import { socketSentencesEn } from './sentences-socket';
import { tlsSentencesEn } from './sentences-tls';
import { udpSentencesEn } from './sentences-udp';
import { workspaceSentencesEn } from './sentences-workspace';

/** Every message in English; each domain's sentences live in sentences-<domain>.ts. */
export const sentencesEn = sentences({
  ...socketSentencesEn,
  ...tlsSentencesEn,
  ...udpSentencesEn,
  ...relaySentencesEn,
  ...captureSentencesEn,
  ...librarySentencesEn,
  ...coreSentencesEn,
  ...payloadSentencesEn,
  ...framingSentencesEn,
  ...fieldsSentencesEn,
  ...workspaceSentencesEn,
  ...automationSentencesEn,
});
