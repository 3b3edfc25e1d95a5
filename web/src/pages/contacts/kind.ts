import type { ContactKind } from '@fengqiao/shared';
import type { MessageKey } from '../../i18n';

export const contactKindKey = (k: ContactKind): MessageKey => `contacts.kind.${k}`;
