// A small unit for workflow tests: a department head, a supervisor with two officers, a second
// supervisor (who covers for the first) with one. Imported with the real roster import.
export const UNIT_CSV = `kind,id,name,roles,unit,supervisor,teams_user_id,aad_object_id,joined_unit,working_pattern,channel_id,head,above,from,to,cover
unit,unit-1,Team One,,,,,,,,19:team-one@thread.tacv2,dana,,,,
person,dana,Dana Head,departmentHead,unit-1,,29:dana,00000000-0000-4000-8000-000000000001,2021-09-06,Mon-Fri 08:00-17:00,,,,,,
person,sam,Sam Supervisor,supervisor,unit-1,dana,29:sam,00000000-0000-4000-8000-000000000002,2022-01-10,Mon-Fri 07:00-16:00,,,,,,
person,priya,Priya Supervisor,supervisor,unit-1,dana,29:priya,00000000-0000-4000-8000-000000000003,2023-04-03,Mon-Fri 08:00-16:00,,,,,,
person,alex,Alex Officer,officer,unit-1,sam,29:alex,00000000-0000-4000-8000-000000000005,2024-05-18,Mon-Fri 08:00-16:00,,,,,,
person,bea,Bea Officer,officer,unit-1,sam,29:bea,00000000-0000-4000-8000-000000000006,2024-02-12,Mon-Fri 09:00-17:00,,,,,,
person,dev,Dev Officer,officer,unit-1,priya,29:dev,00000000-0000-4000-8000-000000000008,2019-03-04,Mon-Fri 08:00-16:00,,,,,,
`;

/** How Teams names someone in an activity. */
export const actor = (id: string) => ({ teamsUserId: `29:${id}` });
