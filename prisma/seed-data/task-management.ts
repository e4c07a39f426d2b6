// Demo project 2: a to-do assistant that may call several tools in one turn.
import {
  call,
  example,
  noTool,
  parallel,
  toolResult,
  user,
  type SeedProject,
  type SeedTool,
} from "./types";

const TASK_ID = {
  type: "integer",
  minimum: 1,
  description:
    "The task's number, as shown in the task list (e.g. 12 for task #12).",
};
const PRIORITY = { type: "string", enum: ["low", "medium", "high", "urgent"] };
const DATE = (what: string) => ({
  type: "string",
  format: "date",
  description: `${what}, as YYYY-MM-DD.`,
});

const tools: SeedTool[] = [
  {
    name: "create_task",
    description:
      "Add a new task to the list. Use when the user wants to remember, schedule or assign something to do. Only fill the optional fields the user mentioned.",
    parameters: {
      type: "object",
      properties: {
        title: {
          type: "string",
          minLength: 1,
          maxLength: 200,
          description: "Short imperative title, e.g. 'Call the plumber'.",
        },
        due_date: DATE("When the task is due"),
        priority: PRIORITY,
        assignee: {
          type: "string",
          minLength: 1,
          description: "Name of the person the task is for, if not the user.",
        },
        tags: {
          type: "array",
          items: { type: "string", minLength: 1 },
          uniqueItems: true,
          description: "Labels the user asked for.",
        },
      },
      required: ["title"],
      additionalProperties: false,
    },
  },
  {
    name: "list_tasks",
    description:
      "Show tasks, optionally filtered by status, assignee or due date. With no filters it lists the open tasks of everyone.",
    parameters: {
      type: "object",
      properties: {
        status: { type: "string", enum: ["open", "done", "all"] },
        assignee: { type: "string", minLength: 1 },
        due_before: DATE("Only tasks due before this date"),
      },
      required: [],
      additionalProperties: false,
    },
  },
  {
    name: "complete_task",
    description:
      "Mark one task as done. Use once per task; several tasks mean several calls.",
    parameters: {
      type: "object",
      properties: { task_id: TASK_ID },
      required: ["task_id"],
      additionalProperties: false,
    },
  },
  {
    name: "update_task",
    description:
      "Change the title, due date or priority of an existing task. Only pass the fields that change.",
    parameters: {
      type: "object",
      properties: {
        task_id: TASK_ID,
        title: { type: "string", minLength: 1, maxLength: 200 },
        due_date: DATE("The new due date"),
        priority: PRIORITY,
      },
      required: ["task_id"],
      additionalProperties: false,
    },
  },
  {
    name: "delete_task",
    description:
      "Delete a task permanently (for finished work use complete_task instead). Set confirm to true only when the user has explicitly confirmed the deletion.",
    parameters: {
      type: "object",
      properties: {
        task_id: TASK_ID,
        confirm: {
          type: "boolean",
          description: "True when the user explicitly confirmed.",
        },
      },
      required: ["task_id"],
      additionalProperties: false,
    },
  },
];

const create = (args: Record<string, unknown>) => call("create_task", args);
const complete = (task_id: number) => call("complete_task", { task_id });

export const taskManagement: SeedProject = {
  name: "Task manager assistant",
  description:
    'A to-do list assistant that creates, lists, completes, updates and deletes tasks, and may call several tools in one turn ("complete 12 and 14"). Greetings, questions about how the list works, requests outside the list and requests without a task number or title get no tool.',
  outputStyle: "router_json",
  parallelToolCalls: true,
  tools,
  examples: [
    // ── create_task ────────────────────────────────────────────────────────────
    example(
      "train",
      ["create"],
      user("Add a task to renew the domain name"),
      create({ title: "Renew the domain name" }),
    ),
    example(
      "train",
      ["create", "date", "priority"],
      user(
        "create task: prepare Q3 budget deck, due 2026-07-15, high priority",
      ),
      create({
        title: "Prepare Q3 budget deck",
        due_date: "2026-07-15",
        priority: "high",
      }),
    ),
    example(
      "validation",
      ["create", "casual"],
      user("remind me to call the plumber"),
      create({ title: "Call the plumber" }),
    ),
    example(
      "train",
      ["create", "assignee", "date"],
      user("New task for Priya: review the onboarding doc by 2026-05-04"),
      create({
        title: "Review the onboarding doc",
        assignee: "Priya",
        due_date: "2026-05-04",
      }),
    ),
    example(
      "gold",
      ["create", "tags"],
      user("add 'book flights to Lisbon' tagged travel and personal"),
      create({ title: "Book flights to Lisbon", tags: ["travel", "personal"] }),
    ),
    example(
      "train",
      ["create", "priority", "polite"],
      user(
        "Could you put 'update insurance beneficiaries' on my list? Low priority.",
      ),
      create({ title: "Update insurance beneficiaries", priority: "low" }),
    ),
    example(
      "train",
      ["create", "assignee", "tags", "casual"],
      user("todo: fix the flaky login test, assign to marco, tag it bug"),
      create({
        title: "Fix the flaky login test",
        assignee: "marco",
        tags: ["bug"],
      }),
    ),
    example(
      "train",
      ["create", "date", "date-conversion"],
      user("I need to submit my expense report by March 31, 2026"),
      create({ title: "Submit expense report", due_date: "2026-03-31" }),
    ),
    example(
      "train",
      ["create", "date", "priority", "tags"],
      user(
        "Create a task called Draft blog post about release 2.4, due 2026-04-20, medium priority, tags: marketing, blog",
      ),
      create({
        title: "Draft blog post about release 2.4",
        due_date: "2026-04-20",
        priority: "medium",
        tags: ["marketing", "blog"],
      }),
    ),
    example(
      "train",
      ["create", "short"],
      user("add a task - water the plants"),
      create({ title: "Water the plants" }),
    ),
    example(
      "gold",
      ["create", "assignee", "priority"],
      user(
        "make a task for jordan to send the signed contract to legal, it's urgent",
      ),
      create({
        title: "Send the signed contract to legal",
        assignee: "jordan",
        priority: "urgent",
      }),
    ),
    example(
      "train",
      ["create", "date"],
      user("Schedule dentist appointment - add it as a task due 2026-02-10"),
      create({ title: "Schedule dentist appointment", due_date: "2026-02-10" }),
    ),
    example(
      "train",
      ["create", "date", "date-conversion", "casual"],
      user("pls add task buy birthday present for Sam due 6/14/2026"),
      create({ title: "Buy birthday present for Sam", due_date: "2026-06-14" }),
    ),
    example(
      "validation",
      ["create", "assignee", "date", "priority", "tags", "long"],
      user(
        "New high-priority task: migrate the billing database to the new cluster. Assignee Chen Wei, due 2026-09-01, tags backend and migration.",
      ),
      create({
        title: "Migrate the billing database to the new cluster",
        priority: "high",
        assignee: "Chen Wei",
        due_date: "2026-09-01",
        tags: ["backend", "migration"],
      }),
    ),
    example(
      "train",
      ["create", "short"],
      user("Add 'cancel gym membership' to my tasks"),
      create({ title: "Cancel gym membership" }),
    ),
    example(
      "train",
      ["create", "tags"],
      user(
        "Create a to-do to order new toner for the office printer, tag office",
      ),
      create({
        title: "Order new toner for the office printer",
        tags: ["office"],
      }),
    ),
    example(
      "gold",
      ["create", "date", "polite"],
      user(
        "Can you create a task for me to prepare slides for the all-hands on 2026-05-28?",
      ),
      create({
        title: "Prepare slides for the all-hands",
        due_date: "2026-05-28",
      }),
    ),
    example(
      "train",
      ["create", "date", "date-conversion", "priority"],
      user("task: renew passport. high priority. due 1 August 2026"),
      create({
        title: "Renew passport",
        priority: "high",
        due_date: "2026-08-01",
      }),
    ),
    example(
      "unassigned",
      ["create", "typo"],
      user("ad task reply to Hannah's email"),
      create({ title: "Reply to Hannah's email" }),
    ),
    example(
      "train",
      ["create", "long", "date", "date-conversion"],
      user(
        "We're moving offices next month and I keep forgetting things, so please add a task to book the movers. It has to be done by the 20th of April 2026 at the latest.",
      ),
      create({ title: "Book the movers", due_date: "2026-04-20" }),
    ),

    // ── list_tasks ─────────────────────────────────────────────────────────────
    example(
      "train",
      ["list", "short"],
      user("what's on my list?"),
      call("list_tasks", {}),
    ),
    example(
      "train",
      ["list", "status"],
      user("show me my open tasks"),
      call("list_tasks", { status: "open" }),
    ),
    example(
      "validation",
      ["list", "assignee"],
      user("What has Priya got assigned?"),
      call("list_tasks", { assignee: "Priya" }),
    ),
    example(
      "train",
      ["list", "date"],
      user("list everything due before 2026-04-01"),
      call("list_tasks", { due_before: "2026-04-01" }),
    ),
    example(
      "train",
      ["list", "status"],
      user("show completed tasks"),
      call("list_tasks", { status: "done" }),
    ),
    example(
      "train",
      ["list", "status", "assignee"],
      user("Which of marco's tasks are still open?"),
      call("list_tasks", { status: "open", assignee: "marco" }),
    ),
    example(
      "train",
      ["list", "status"],
      user("show all tasks, including finished ones"),
      call("list_tasks", { status: "all" }),
    ),
    example(
      "validation",
      ["list", "date", "date-conversion"],
      user("anything due before the 15th of May 2026?"),
      call("list_tasks", { due_before: "2026-05-15" }),
    ),
    example(
      "train",
      ["list", "typo"],
      user("lsit my tasks pls"),
      call("list_tasks", {}),
    ),
    example(
      "gold",
      ["list", "status", "assignee", "date"],
      user("What does Chen Wei still have open that's due before 2026-06-30?"),
      call("list_tasks", {
        status: "open",
        assignee: "Chen Wei",
        due_before: "2026-06-30",
      }),
    ),
    example(
      "train",
      ["list", "status", "assignee", "casual"],
      user("show me done stuff for jordan"),
      call("list_tasks", { status: "done", assignee: "jordan" }),
    ),

    // ── complete_task ──────────────────────────────────────────────────────────
    example("train", ["complete"], user("mark task 12 as done"), complete(12)),
    example("train", ["complete", "short"], user("done with #7"), complete(7)),
    example(
      "validation",
      ["complete"],
      user("I finished task 104"),
      complete(104),
    ),
    example("train", ["complete", "short"], user("complete 3"), complete(3)),
    example(
      "gold",
      ["complete", "polite"],
      user("Task 58 is finished, please close it"),
      complete(58),
    ),
    example(
      "train",
      ["complete"],
      user("tick off task number 21"),
      complete(21),
    ),
    example(
      "train",
      ["complete", "long"],
      user(
        "I wrapped up task 33 yesterday afternoon but forgot to update the list, can you mark it complete?",
      ),
      complete(33),
    ),
    example("train", ["complete", "typo"], user("finsihed tsk 9"), complete(9)),
    example(
      "train",
      ["complete", "casual"],
      user("close out 250 for me"),
      complete(250),
    ),

    // ── update_task ────────────────────────────────────────────────────────────
    example(
      "train",
      ["update", "date"],
      user("change the due date of task 18 to 2026-04-30"),
      call("update_task", { task_id: 18, due_date: "2026-04-30" }),
    ),
    example(
      "train",
      ["update", "title"],
      user("rename task 4 to 'Send final invoice to Acme'"),
      call("update_task", { task_id: 4, title: "Send final invoice to Acme" }),
    ),
    example(
      "train",
      ["update", "priority", "casual"],
      user("bump task 27 to high priority"),
      call("update_task", { task_id: 27, priority: "high" }),
    ),
    example(
      "train",
      ["update", "date", "priority"],
      user("move task 61 to 2026-06-02 and make it low priority"),
      call("update_task", {
        task_id: 61,
        due_date: "2026-06-02",
        priority: "low",
      }),
    ),
    example(
      "validation",
      ["update", "priority", "short"],
      user("task 9 should be urgent now"),
      call("update_task", { task_id: 9, priority: "urgent" }),
    ),
    example(
      "train",
      ["update", "title", "date"],
      user("update task 140: title 'Quarterly tax filing', due 2026-04-15"),
      call("update_task", {
        task_id: 140,
        title: "Quarterly tax filing",
        due_date: "2026-04-15",
      }),
    ),
    example(
      "train",
      ["update", "date", "date-conversion"],
      user("push task 3's deadline to May 5 2026"),
      call("update_task", { task_id: 3, due_date: "2026-05-05" }),
    ),
    example(
      "unassigned",
      ["update", "priority"],
      user("lower the priority on 45 to medium"),
      call("update_task", { task_id: 45, priority: "medium" }),
    ),
    example(
      "gold",
      ["update", "title", "polite"],
      user(
        "Can you fix the typo in task 77's title? It should say 'Renew SSL certificate'.",
      ),
      call("update_task", { task_id: 77, title: "Renew SSL certificate" }),
    ),

    // ── delete_task ────────────────────────────────────────────────────────────
    example(
      "train",
      ["delete", "short"],
      user("delete task 8"),
      call("delete_task", { task_id: 8 }),
    ),
    example(
      "train",
      ["delete", "confirm"],
      user("remove task 19, yes I'm sure"),
      call("delete_task", { task_id: 19, confirm: true }),
    ),
    example(
      "train",
      ["delete", "casual"],
      user("get rid of task 120"),
      call("delete_task", { task_id: 120 }),
    ),
    example(
      "train",
      ["delete", "short"],
      user("please trash #66"),
      call("delete_task", { task_id: 66 }),
    ),
    example(
      "gold",
      ["delete", "confirm"],
      user("Delete task 2. Confirmed."),
      call("delete_task", { task_id: 2, confirm: true }),
    ),
    example(
      "train",
      ["delete", "polite"],
      user("I added task 91 by mistake, can you delete it?"),
      call("delete_task", { task_id: 91 }),
    ),

    // ── several calls in one turn ──────────────────────────────────────────────
    example(
      "train",
      ["parallel", "complete"],
      user("complete task 12 and 14"),
      parallel(
        ["complete_task", { task_id: 12 }],
        ["complete_task", { task_id: 14 }],
      ),
    ),
    example(
      "validation",
      ["parallel", "complete", "short"],
      user("mark 5, 6 done"),
      parallel(
        ["complete_task", { task_id: 5 }],
        ["complete_task", { task_id: 6 }],
      ),
    ),
    example(
      "gold",
      ["parallel", "delete", "confirm"],
      user("delete tasks 30 and 31, confirmed"),
      parallel(
        ["delete_task", { task_id: 30, confirm: true }],
        ["delete_task", { task_id: 31, confirm: true }],
      ),
    ),
    example(
      "train",
      ["parallel", "create"],
      user("Create two tasks: 'pick up dry cleaning' and 'call the bank'"),
      parallel(
        ["create_task", { title: "Pick up dry cleaning" }],
        ["create_task", { title: "Call the bank" }],
      ),
    ),
    example(
      "train",
      ["parallel", "complete", "create", "date"],
      user(
        "mark 40 done and create a task to follow up with the client, due 2026-03-20",
      ),
      parallel(
        ["complete_task", { task_id: 40 }],
        [
          "create_task",
          { title: "Follow up with the client", due_date: "2026-03-20" },
        ],
      ),
    ),
    example(
      "train",
      ["parallel", "complete", "delete"],
      user("finish task 11 and delete task 12"),
      parallel(
        ["complete_task", { task_id: 11 }],
        ["delete_task", { task_id: 12 }],
      ),
    ),
    example(
      "validation",
      ["parallel", "complete", "casual"],
      user("done w/ 101, 102 and 103"),
      parallel(
        ["complete_task", { task_id: 101 }],
        ["complete_task", { task_id: 102 }],
        ["complete_task", { task_id: 103 }],
      ),
    ),

    // ── no_tool ────────────────────────────────────────────────────────────────
    example(
      "train",
      ["no_tool", "greeting"],
      user("hello!"),
      noTool("greeting", "Hi! Want to add, check off or review some tasks?"),
    ),
    example(
      "gold",
      ["no_tool", "greeting"],
      user("thanks, that's all for now"),
      noTool("greeting", "You're welcome! Your list is saved."),
    ),
    example(
      "train",
      ["no_tool", "info"],
      user("how do priorities work here?"),
      noTool(
        "info request: priority levels",
        "Tasks can be low, medium, high or urgent. Urgent and high tasks are listed first.",
      ),
    ),
    example(
      "validation",
      ["no_tool", "info"],
      user("what's the difference between completing and deleting a task?"),
      noTool(
        "info request: complete vs delete",
        "Completing a task keeps it in your history as done; deleting removes it for good. Use delete only for tasks added by mistake.",
      ),
    ),
    example(
      "train",
      ["no_tool", "info"],
      user("can a task have more than one assignee?"),
      noTool(
        "info request: assignees",
        "No, each task has one assignee. For shared work, create a task per person.",
      ),
    ),
    example(
      "train",
      ["no_tool", "underspecified"],
      user("add a task"),
      noTool("underspecified: need title", "Sure! What should the task say?"),
    ),
    example(
      "gold",
      ["no_tool", "underspecified"],
      user("mark it as done"),
      noTool(
        "underspecified: need task_id",
        "Which task should I mark as done? Tell me its number, e.g. 12.",
      ),
    ),
    example(
      "train",
      ["no_tool", "underspecified"],
      user("delete the old one"),
      noTool(
        "underspecified: need task_id",
        "Which task do you want to delete? Give me its number and I'll remove it.",
      ),
    ),
    example(
      "validation",
      ["no_tool", "out_of_scope"],
      user("send an email to the team about the launch"),
      noTool(
        "out of scope: sending email",
        "I can't send emails; I only manage your task list. I can add a task to email the team if you like.",
      ),
    ),
    example(
      "train",
      ["no_tool", "out_of_scope"],
      user("what's the weather going to be like tomorrow?"),
      noTool(
        "out of scope",
        "I can't check the weather; I can only help with your tasks.",
      ),
    ),
    example(
      "train",
      ["no_tool", "out_of_scope"],
      user("set an alarm for 6am"),
      noTool(
        "out of scope: alarms",
        "I can't set alarms, but I can add a task for you.",
      ),
    ),

    // ── multi-turn ─────────────────────────────────────────────────────────────
    example(
      "train",
      ["multi-turn", "create", "clarified", "date"],
      user("add a task for me"),
      noTool("underspecified: need title", "Sure, what's the task?"),
      user("Call the landlord about the heating, due 2026-01-19"),
      create({
        title: "Call the landlord about the heating",
        due_date: "2026-01-19",
      }),
    ),
    example(
      "gold",
      ["multi-turn", "complete", "clarified"],
      user("mark the report as done"),
      noTool(
        "underspecified: need task_id",
        "Which task number is the report? You can see it in your list.",
      ),
      user("it's 42"),
      complete(42),
    ),
    example(
      "train",
      ["multi-turn", "tool-result", "complete"],
      user("show my open tasks"),
      call("list_tasks", { status: "open" }, "call_1"),
      toolResult("call_1", "list_tasks", [
        { id: 15, title: "Pay electricity bill", due_date: "2026-03-05" },
        { id: 16, title: "Book car service", due_date: null },
      ]),
      user("done with the electricity bill one"),
      complete(15),
    ),
    example(
      "validation",
      ["multi-turn", "tool-result", "parallel", "delete", "update", "date"],
      user("what's Priya working on?"),
      call("list_tasks", { assignee: "Priya" }, "call_1"),
      toolResult("call_1", "list_tasks", [
        { id: 23, title: "Old vendor review", due_date: "2026-02-01" },
        { id: 24, title: "Plan team offsite", due_date: "2026-04-30" },
      ]),
      user("delete 23 from that, and move 24 to 2026-05-12"),
      parallel(
        ["delete_task", { task_id: 23 }],
        ["update_task", { task_id: 24, due_date: "2026-05-12" }],
      ),
    ),
  ],
};
