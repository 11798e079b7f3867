// The parts of a schedule's page (app/[locale]/staff/(console)/schedules/[id]):
// its weekly rules, its closures and publishing, each with its form.
import { getTranslations } from "next-intl/server";
import { ActionForm, type ActionFormProps } from "@/components/staff/action-form";
import { Field, SelectField } from "@/components/ui/field";
import { weekdayNames } from "@/components/ui/formats";
import { FormSection, Section } from "@/components/ui/section";
import { Cell, Row, Table } from "@/components/ui/table";

type Action = ActionFormProps["action"];
type Base = { locale: string; scheduleId: string };

export const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

type Rule = {
  id: string;
  weekday: number;
  startMinute: number;
  endMinute: number;
  slotMinutes: number;
  capacity: number;
};

export async function ScheduleRules({
  locale,
  scheduleId,
  rules,
  addAction,
  removeAction,
}: Base & { rules: Rule[]; addAction: Action; removeAction: Action }) {
  const t = await getTranslations("Staff.schedule");
  const tf = await getTranslations("Staff.field");
  const weekdays = weekdayNames(locale);
  const columns = (["weekday", "start", "end", "slotMinutes", "capacity"] as const).map((c) => ({
    label: tf(c),
  }));
  return (
    <Section id="rules" title={t("rules")}>
      {rules.length === 0 ? (
        <p>{t("noRules")}</p>
      ) : (
        <Table caption={t("rules")} columns={[...columns, { label: t("actions"), hidden: true }]}>
          {rules.map((r) => (
            <Row key={r.id}>
              <Cell>{weekdays[r.weekday]}</Cell>
              <Cell>{hhmm(r.startMinute)}</Cell>
              <Cell>{hhmm(r.endMinute)}</Cell>
              <Cell>{r.slotMinutes}</Cell>
              <Cell>{r.capacity}</Cell>
              <Cell>
                <ActionForm
                  action={removeAction}
                  locale={locale}
                  submitLabel={t("removeRule", { weekday: weekdays[r.weekday]!, start: hhmm(r.startMinute) })}
                  tone="quiet"
                  hidden={{ scheduleId, ruleId: r.id }}
                />
              </Cell>
            </Row>
          ))}
        </Table>
      )}
      <ActionForm action={addAction} locale={locale} submitLabel={t("addRule")} hidden={{ scheduleId }}>
        <fieldset className="flex flex-wrap items-end gap-3">
          <legend className="font-semibold">{t("newRule")}</legend>
          <SelectField
            id="weekday"
            name="weekday"
            label={tf("weekday")}
            defaultValue="1"
            inline
            options={weekdays.map((name, d) => ({ value: d, label: name }))}
          />
          <Field
            id="start"
            name="start"
            label={tf("start")}
            type="time"
            required
            defaultValue="09:00"
            inline
          />
          <Field id="end" name="end" label={tf("end")} type="time" required defaultValue="12:00" inline />
          <Field
            id="slotMinutes"
            name="slotMinutes"
            label={tf("slotMinutes")}
            type="number"
            min={5}
            max={480}
            required
            defaultValue={30}
            inline
          />
          <Field
            id="capacity"
            name="capacity"
            label={tf("capacity")}
            type="number"
            min={1}
            max={100}
            required
            defaultValue={2}
            inline
          />
        </fieldset>
      </ActionForm>
    </Section>
  );
}

type Closure = { id: string; startsOn: string; endsOn: string; reason: string | null };

export async function ScheduleClosures({
  locale,
  scheduleId,
  closures,
  addAction,
  removeAction,
}: Base & { closures: Closure[]; addAction: Action; removeAction: Action }) {
  const t = await getTranslations("Staff.schedule");
  const tf = await getTranslations("Staff.field");
  return (
    <Section id="closures" title={t("closures")}>
      {closures.length === 0 ? (
        <p>{t("noClosures")}</p>
      ) : (
        <ul className="space-y-2">
          {closures.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center gap-3">
              <span>
                {t("closure", { from: c.startsOn, to: c.endsOn })}
                {c.reason ? ` · ${c.reason}` : ""}
              </span>
              <ActionForm
                action={removeAction}
                locale={locale}
                submitLabel={t("removeClosure", { from: c.startsOn })}
                tone="quiet"
                hidden={{ scheduleId, closureId: c.id }}
              />
            </li>
          ))}
        </ul>
      )}
      <ActionForm action={addAction} locale={locale} submitLabel={t("addClosure")} hidden={{ scheduleId }}>
        <fieldset className="flex flex-wrap items-end gap-3">
          <legend className="font-semibold">{t("newClosure")}</legend>
          <Field id="startsOn" name="startsOn" label={tf("startsOn")} type="date" required inline />
          <Field id="endsOn" name="endsOn" label={tf("endsOn")} type="date" required inline />
          <Field
            id="closureReason"
            name="reason"
            label={tf("closureReason")}
            type="text"
            maxLength={200}
            inline
          />
        </fieldset>
      </ActionForm>
    </Section>
  );
}

export async function SchedulePublish({ locale, scheduleId, action }: Base & { action: Action }) {
  const t = await getTranslations("Staff.schedule");
  const tf = await getTranslations("Staff.field");
  return (
    <FormSection
      id="publish"
      title={t("publish")}
      before={<p>{t("publishIntro")}</p>}
      action={action}
      locale={locale}
      submitLabel={t("publishSubmit")}
      hidden={{ scheduleId }}
    >
      <Field
        id="weeks"
        name="weeks"
        label={tf("weeks")}
        type="number"
        min={1}
        max={26}
        required
        defaultValue={4}
        inline
      />
    </FormSection>
  );
}
