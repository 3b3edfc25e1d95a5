import { Segmented } from 'antd';
import { useI18n, type Lang } from '../i18n';

export function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <Segmented<Lang>
      data-testid="lang-switch"
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { label: <span data-testid="lang-zh">中文</span>, value: 'zh-CN' },
        { label: <span data-testid="lang-en">EN</span>, value: 'en-US' },
      ]}
    />
  );
}
