# ruff: noqa: E501 (prose: the strings are wrapped by hand for reading)
"""The demo articles, authors and topics: written for this project (general information, careful
in tone, never a substitute for care). Loaded by articles/demo.py.

Body items: a plain string is a paragraph; ("h", text) a heading; ("quote", text, attribution);
("callout", title, [points]); ("crisis",) the crisis resources block; ("image", alt, caption, palette)
an illustration.

Readers' comments: (name, website, hours after the article's publication, body); blank lines in
the body separate paragraphs. Readers and their addresses are invented (example.com / .org /
.net); no published comment links to a website, since an invented one would lead nowhere.
Newsletter subscribers: (email, status).
"""

TOPICS = [
    ("Anxiety", "anxiety", "Worry, panic and fear: how they work, and what helps them ease."),
    ("Depression", "depression", "Low mood, lost interest and the slow road back to energy."),
    (
        "Relationships",
        "relationships",
        "Partners, families, friends and the skills that keep them.",
    ),
    ("Sleep", "sleep", "Why rest and mood travel together, and how to sleep a little better."),
    (
        "Stress and burnout",
        "stress-and-burnout",
        "Pressure at work and at home, and how to recover.",
    ),
    (
        "Starting therapy",
        "starting-therapy",
        "What therapy is like, and how to find the right fit.",
    ),
]

# "look": the illustrated portrait (home/demo_portraits.py: gender, age, skin 0-4).
AUTHORS = [
    {
        "name": "Maya Okafor",
        "slug": "maya-okafor",
        "credentials": "PhD, Licensed Clinical Psychologist",
        "bio": "<p>Maya Okafor treats panic, health anxiety and insomnia in adults, and spent six "
        "years at a university sleep clinic before opening her own practice. She teaches a "
        "seminar on cognitive behavioral therapy for newly qualified clinicians. Her articles "
        "start from the questions her clients ask in their first few sessions.</p>",
        "look": {"gender": "female", "age": "middle", "skin": 0},
    },
    {
        "name": "Daniel Reyes",
        "slug": "daniel-reyes",
        "credentials": "LMFT",
        "bio": "<p>Daniel Reyes taught high school English for eight years before retraining as a "
        "marriage and family therapist. He now sees couples, parents and teenagers, often about "
        "how a household argues and how it makes up afterwards. He writes for readers who are "
        "wondering whether therapy is for them at all.</p>",
        "look": {"gender": "male", "age": "middle", "skin": 2},
    },
    {
        "name": "Priya Natarajan",
        "slug": "priya-natarajan",
        "credentials": "LCSW",
        "bio": "<p>Priya Natarajan is a clinical social worker whose practice centers on "
        "depression, grief and exhaustion at work. For ten years she has run recovery groups for "
        "nurses, teachers and engineers worn down by their jobs. She writes about rest, limits "
        "and the slow return of energy after a hard season.</p>",
        "look": {"gender": "female", "age": "younger", "skin": 1},
    },
]

ARTICLES = [
    {
        "slug": "what-a-panic-attack-feels-like",
        "title": "What a panic attack feels like, and what helps in the moment",
        "standfirst": "A racing heart, a tight chest, the certainty that something is terribly "
        "wrong. Panic is frightening, but it follows a pattern, and knowing the pattern helps.",
        "authors": ["maya-okafor"],
        "topics": ["anxiety"],
        "days_ago": 3,
        "reviewed_days_ago": 3,
        "hero_description": "Soft green and cream circles drifting over a pale teal background.",
        "palette": 0,
        "body": [
            "Many people remember their first panic attack in detail. It often arrives without "
            "warning: in a supermarket queue, on a motorway, in the middle of a meeting. The heart "
            "pounds, breathing feels shallow, hands tingle and the room can seem strangely far "
            "away. The mind searches for an explanation and lands on the worst one available: a "
            "heart attack, a stroke, losing control.",
            ("h", "Why the body does this"),
            "Panic is the body's alarm system firing when there is no fire. The same surge of "
            "adrenaline that would help you run from danger speeds your heart and breathing. "
            "Breathing fast lowers the carbon dioxide in your blood, which causes tingling, "
            "dizziness and a sense of unreality. None of these sensations is dangerous in itself, "
            "although they feel it, and a first attack deserves a medical check to rule out other "
            "causes [1].",
            "An attack usually peaks within ten minutes and then fades, even if you do nothing. "
            "That is worth remembering, because much of what keeps panic going is the fear of the "
            "next attack rather than the attack itself.",
            (
                "quote",
                "The sensations rise, crest and pass. You do not have to fight them for them "
                "to pass.",
                "A reminder many clients write on a card",
            ),
            ("h", "What helps in the moment"),
            (
                "callout",
                "Try this during an attack",
                [
                    "Breathe out slowly, longer than you breathe in: in for four, out for six.",
                    "Name what is happening: “This is panic. It is uncomfortable, not dangerous.”",
                    "Stay where you are if you safely can, rather than escaping.",
                    "Let the wave peak and notice it beginning to fall.",
                ],
            ),
            "Escaping the situation brings relief, but it also teaches the brain that the "
            "supermarket or the motorway really was dangerous. Over time, avoided places multiply. "
            "Staying, gently and at your own pace, teaches the opposite lesson.",
            ("h", "When to look for more help"),
            "If attacks keep coming, or you have started avoiding places or activities in case one "
            "happens, talk to your doctor or a therapist. Cognitive behavioral therapy for panic has "
            "strong evidence behind it [1] [2], and many people see real change within a few months.",
            ("crisis",),
        ],
    },
    {
        "slug": "worry-time",
        "title": "Worry time: a small technique for an overactive mind",
        "standfirst": "Telling yourself to stop worrying rarely works. Giving worry its own "
        "appointment often does.",
        "authors": ["maya-okafor"],
        "topics": ["anxiety", "stress-and-burnout"],
        "days_ago": 12,
        "hero_description": "Pale lavender background with overlapping violet and peach circles.",
        "palette": 1,
        "body": [
            "Worry has a way of spreading into every spare moment. It turns up while you brush your "
            "teeth, during a film, at three in the morning. Trying to push the thoughts away tends "
            "to backfire: the harder we try not to think about something, the more it returns.",
            "Worry time is a simple idea from cognitive behavioral therapy. Instead of fighting "
            "worries all day, you postpone them to a fixed, short appointment.",
            ("h", "How to set it up"),
            (
                "callout",
                "Your worry appointment",
                [
                    "Choose fifteen to twenty minutes at the same time each day, not close to bedtime.",
                    "When a worry appears outside that time, jot a word or two on a note and let it go.",
                    "At your appointment, read the list and worry on purpose, on paper if you like.",
                    "When the time is up, stop, even if you are mid-thought, and do something absorbing.",
                ],
            ),
            "People are often surprised by two things. First, postponing a worry is possible: it "
            "waits more patiently than expected. Second, by the time the appointment comes, many "
            "worries on the list no longer seem urgent, and some have already been resolved.",
            ("h", "Sorting what you can act on"),
            "During worry time it helps to split the list in two. Some worries point to a problem "
            "you can do something about: a bill to pay, a difficult email to send. For these, "
            "write the smallest next step and when you will take it. Others are about things "
            "outside your control, such as how someone else will react or what might happen years "
            "from now. For these, the practice is noticing that you are worrying, and choosing to "
            "set the thought down again.",
            ("quote", "A worry postponed is a worry you get to look at with fresh eyes.", ""),
            ("h", "Give it two weeks"),
            "Like most skills, worry time feels clumsy at first. Keep it up for two weeks before "
            "judging it. If worry still fills most of your day, makes it hard to work or sleep, or "
            "comes with panic or low mood, a therapist can help you look at what is driving it. "
            "Generalized anxiety is common and very treatable.",
        ],
    },
    {
        "slug": "telling-sadness-from-depression",
        "title": "When low mood lasts: telling sadness from depression",
        "standfirst": "Everyone has low days. Depression is different in how long it lasts, how "
        "much of life it touches, and how little it responds to good news.",
        "authors": ["priya-natarajan"],
        "topics": ["depression"],
        "days_ago": 20,
        "reviewed_days_ago": 6,
        "hero_description": "Warm sand-coloured gradient with soft rust and sage circles.",
        "palette": 2,
        "body": [
            "Sadness is a normal response to loss, disappointment and stress. It usually has a "
            "cause you can name, it comes in waves, and it lifts, at least for a while, when "
            "something good happens: a call from a friend, a sunny afternoon, a small success.",
            "Depression tends to behave differently. It can settle in without an obvious reason, "
            "or stay long after the reason has passed. It colors everything, so that things that "
            "used to bring pleasure feel flat.",
            ("h", "Signs that it may be more than a bad patch"),
            (
                "callout",
                "Common signs of depression",
                [
                    "Low mood or loss of interest most of the day, nearly every day, for two weeks or more [1].",
                    "Changes in sleep or appetite: much more or much less than usual.",
                    "Tiredness that rest does not fix, and everything taking more effort.",
                    "Harsh thoughts about yourself, guilt, or feeling like a burden.",
                    "Difficulty concentrating or making small decisions.",
                ],
            ),
            "Not everyone feels sad. Some people describe feeling numb, irritable or simply empty. "
            "Men in particular may notice anger, restlessness or drinking more before they notice "
            "low mood.",
            ("h", "Why the difference matters"),
            "Depression is not a weakness or a failure of willpower. It is a common health "
            "condition with effective treatments, including talking therapies, medication, and "
            "changes to activity and sleep [2]. The earlier it is recognized, the easier the road back "
            "usually is.",
            (
                "quote",
                "You do not have to be certain it is depression to ask for help. Asking is "
                "how you find out.",
                "",
            ),
            ("h", "A first step"),
            "If these signs sound familiar, book an appointment with your doctor or a licensed "
            "therapist and describe what you have noticed and for how long. It can help to write "
            "it down beforehand. If you have thoughts of ending your life, please reach out today.",
            "If you are worried about someone else, you can gently say what you have noticed and "
            "offer to help them make that first appointment.",
            ("crisis",),
        ],
    },
    {
        "slug": "behavioral-activation",
        "title": "Behavioral activation: doing a little to feel a little better",
        "standfirst": "Depression tells you to wait until you feel like doing things. Behavioral "
        "activation turns that around, one small, planned step at a time.",
        "authors": ["priya-natarajan", "maya-okafor"],
        "topics": ["depression", "starting-therapy"],
        "days_ago": 29,
        "hero_description": "Pale blue gradient crossed by gentle white waves and navy circles.",
        "palette": 3,
        "body": [
            "When mood drops, we naturally do less. We cancel plans, stop hobbies and let small "
            "tasks pile up. It feels like rest, but it often works the other way: with fewer "
            "sources of pleasure and achievement, mood falls further, and the pile of undone tasks "
            "becomes one more reason to feel bad.",
            "Behavioral activation is a structured way of breaking that cycle. It is one of the "
            "best-studied treatments for depression, and its core idea is simple: action comes "
            "first, and motivation follows.",
            ("h", "How it works"),
            "You start by noticing how you spend your days and how each activity affects your mood, "
            "even slightly. Most people find that some activities lift them a little, such as a "
            "short walk, a shower, or talking to a friend, while others, such as scrolling in bed, "
            "leave them lower.",
            "Then you plan a few small, specific activities into the coming days: not “exercise "
            "more” but “walk to the corner shop at ten on Tuesday.” Small is the point. A step "
            "that feels almost too easy is more likely to happen, and every completed step is "
            "evidence against depression's story that nothing will help.",
            (
                "callout",
                "Three kinds of activity to plan",
                [
                    "Something pleasant, however small.",
                    "Something that gives a sense of achievement, such as one task from the pile.",
                    "Something connected to what matters to you: a person, a value, a cause.",
                ],
            ),
            ("h", "What to expect"),
            "Feelings usually lag behind actions. The first walks may feel like going through the "
            "motions. That is normal. Keep a simple record of what you did and any change in mood, "
            "and look back after a couple of weeks.",
            ("quote", "Do the next small thing, then notice what it gave you.", "Priya Natarajan"),
            "A therapist trained in behavioral activation can help you pick the right steps and "
            "work around the obstacles depression puts in the way. If getting through the day "
            "feels impossible, please talk to a professional rather than pushing on alone.",
        ],
    },
    {
        "slug": "sleep-and-mood",
        "title": "Sleep and mood: why the two travel together",
        "standfirst": "Poor sleep makes low mood and anxiety worse, and low mood and anxiety "
        "disturb sleep. The good news is that the loop can be loosened from either end.",
        "authors": ["maya-okafor"],
        "topics": ["sleep", "depression"],
        "days_ago": 37,
        "hero_description": "Deep violet circles fading into a soft lilac evening sky.",
        "palette": 1,
        "body": [
            "After a bad night, most of us are shorter-tempered, more easily upset and quicker to "
            "expect the worst. That is not imagination. Sleep helps the brain process emotional "
            "experiences, and without enough of it, the parts of the brain that sound the alarm "
            "become more reactive while the parts that calm them are less effective.",
            "The relationship runs both ways. Worry keeps the mind busy at bedtime. Depression can "
            "cause early waking or make people sleep far more than usual without feeling rested. "
            "Many people with long-term insomnia go on to develop depression, and treating insomnia "
            "can reduce that risk.",
            (
                "image",
                "A calm arrangement of overlapping lilac and white circles.",
                "Regular rhythms help the body know when to rest.",
                1,
            ),
            ("h", "Habits that help"),
            (
                "callout",
                "Steadying your sleep",
                [
                    "Get up at the same time every day, including weekends.",
                    "Get daylight in the first hour after waking.",
                    "Keep caffeine to the morning, and alcohol modest and early.",
                    "Use the bed for sleep, not for work or worrying.",
                    "If you cannot sleep after about twenty minutes, get up and do something quiet.",
                ],
            ),
            "The fixed waking time matters most. It anchors the body clock, and the sleep drive "
            "that builds through the day makes falling asleep easier the next night.",
            ("h", "When sleep problems persist"),
            "If poor sleep has lasted more than a few weeks, talk to a doctor. Cognitive behavioral "
            "therapy for insomnia, known as CBT-I, is the recommended first treatment for chronic "
            "insomnia and works for most people, often within six to eight sessions. It is worth "
            "asking about before relying on sleeping tablets.",
            ("quote", "Protect the time you get up, and the time you fall asleep will follow.", ""),
            "Be patient with yourself while you change habits. Sleep often gets a little worse "
            "before it gets better, especially if you are cutting back on time in bed, and the "
            "benefits for mood usually show up over weeks rather than days.",
        ],
    },
    {
        "slug": "wind-down-routine",
        "title": "A wind-down routine for racing thoughts at bedtime",
        "standfirst": "The moment the light goes off, the mind switches on. A simple evening "
        "routine gives those thoughts somewhere else to go.",
        "authors": ["priya-natarajan"],
        "topics": ["sleep", "anxiety"],
        "days_ago": 45,
        "hero_description": "Muted sage gradient with pale gold circles and a soft white wave.",
        "palette": 4,
        "body": [
            "For many people the day is so full that bedtime is the first quiet moment. Unfinished "
            "tasks, conversations and worries arrive all at once. Lying in the dark trying to force "
            "sleep only adds one more worry: that you will be exhausted tomorrow.",
            "A wind-down routine is a short sequence of calm activities in the hour before bed. "
            "Done consistently, it signals to the body that the day is ending, and it gives the "
            "mind a chance to unload before the lights go out.",
            ("h", "Close the day on paper"),
            "Twenty minutes before you start winding down, take a sheet of paper and write down "
            "what is still on your mind: tasks for tomorrow, worries, anything unresolved. For each, "
            "add one word about what you will do next, or simply “not tonight.” Then close the "
            "notebook. You are not solving anything, just moving it out of your head.",
            ("h", "Build a routine you can keep"),
            (
                "callout",
                "An example hour",
                [
                    "Dim the lights and put your phone to charge outside the bedroom.",
                    "Do something calm and screen-free: a bath, stretching, an easy book.",
                    "Try slow breathing for five minutes, breathing out longer than in.",
                    "Go to bed when you feel sleepy, not just when the clock says so.",
                ],
            ),
            "The details matter less than the repetition. Pick activities you enjoy and can do most "
            "nights, including when you are away or tired.",
            ("h", "If thoughts keep coming"),
            "Treat returning thoughts like passing traffic: notice them, and bring your attention "
            "back to the breath or to the feel of the pillow, as many times as it takes. If you are "
            "still awake and frustrated after a while, get up, sit somewhere dim and return to bed "
            "when sleepiness comes back.",
            ("quote", "You cannot make sleep happen. You can make room for it.", "Priya Natarajan"),
            "If racing thoughts keep you awake most nights, a therapist can help with the anxiety "
            "behind them.",
        ],
    },
    {
        "slug": "arguing-without-wounding",
        "title": "How couples can argue without wounding each other",
        "standfirst": "Disagreement is part of every close relationship. What matters is how it "
        "happens, and how you repair afterwards.",
        "authors": ["daniel-reyes"],
        "topics": ["relationships"],
        "days_ago": 53,
        "reviewed_days_ago": 10,
        "hero_description": "Overlapping peach and rust circles on a warm sand background.",
        "palette": 2,
        "body": [
            "Couples who never argue are not necessarily happier. Disagreements about money, "
            "chores, family and time are how two people negotiate a shared life. The trouble starts "
            "when arguments become about winning, or when the same fight repeats without anyone "
            "feeling heard.",
            ("h", "Start softly"),
            "How a conversation begins strongly predicts how it ends. Opening with criticism (“You "
            "never help”) invites defense. Opening with your own experience and a specific request "
            "(“I'm exhausted after bedtime; could you take Tuesdays and Thursdays?”) invites "
            "problem solving.",
            (
                "callout",
                "Habits that wound, and what to try instead",
                [
                    "Criticizing who your partner is: describe the situation and what you need.",
                    "Contempt, such as sarcasm or eye-rolling: say what you appreciate, often.",
                    "Defensiveness: accept some responsibility, even a small part.",
                    "Stonewalling: ask for a break, and say when you will come back.",
                ],
            ),
            ("h", "Take a break before it boils over"),
            "When heart rates climb, people stop listening. If either of you feels flooded, agree "
            "to pause for at least twenty minutes and do something calming, not rehearsing your "
            "argument. Then return to the conversation. Coming back is what makes a break "
            "different from walking away.",
            ("h", "Repair matters more than perfection"),
            "Every couple says things they regret. Strong relationships are not those without "
            "hurtful moments but those where someone reaches out afterwards: an apology, a touch, "
            "a joke, a “can we start again?” Accepting a repair attempt is as important as making "
            "one.",
            (
                "quote",
                "The goal of an argument is not to win it. It is for both of you to "
                "understand the other a little better.",
                "Daniel Reyes",
            ),
            "If arguments often escalate, or one of you feels afraid, please seek help. A couples "
            "therapist can help with patterns that feel stuck; if there is any violence or threat, "
            "speak to a domestic violence service first.",
            "Many couples find that a few sessions early on, before resentment builds, make a "
            "larger difference than many sessions later.",
        ],
    },
    {
        "slug": "talking-to-a-withdrawn-teenager",
        "title": "Talking to a teenager who seems withdrawn",
        "standfirst": "Some distance is a normal part of growing up. Here is how to stay connected, "
        "and how to tell when withdrawal may be a sign of something more.",
        "authors": ["daniel-reyes"],
        "topics": ["relationships", "depression"],
        "days_ago": 61,
        "hero_description": "Soft blue gradient with white wave lines and small cream circles.",
        "palette": 3,
        "body": [
            "Teenagers are supposed to pull away a little. Friends become more important, privacy "
            "matters more, and long conversations with parents become rarer. It can feel like "
            "rejection, but it is usually a healthy step towards independence.",
            "Sometimes, though, withdrawal is a sign that a young person is struggling. The "
            "difference often lies in how much has changed and for how long.",
            ("h", "Signs worth paying attention to"),
            (
                "callout",
                "Talk to a professional if you notice",
                [
                    "Pulling away from friends as well as family.",
                    "Dropping activities they used to love, or grades falling sharply.",
                    "Big changes in sleep, eating or energy lasting more than two weeks.",
                    "Talk of hopelessness, being a burden, or not wanting to be here.",
                    "Signs of self-harm, such as unexplained cuts or always covering their arms.",
                ],
            ),
            ("h", "How to open the door"),
            "Direct questions across a table often get one-word answers. Many teenagers talk more "
            "easily side by side: in the car, cooking, walking the dog. Mention what you have "
            "noticed without judgment (“You've seemed tired and quiet lately, and I've been "
            "wondering how you're doing”) and then listen more than you speak.",
            "Resist the urge to fix things straight away. Reflect back what you hear and ask what "
            "would help. If they do not want to talk now, say the offer stands, and keep showing up "
            "in small, ordinary ways.",
            (
                "quote",
                "Asking a young person directly about suicide does not put the idea in their "
                "head. It tells them they can talk to you about it.",
                "",
            ),
            ("h", "Getting help together"),
            "If you are worried, speak to your child's doctor or a therapist who works with "
            "adolescents, and involve your teenager in the decision where you can. If you believe "
            "they are in immediate danger, do not wait.",
            "Look after yourself as well. Supporting a struggling teenager is demanding, and "
            "talking to a friend, a parent group or a therapist of your own is not a luxury.",
            ("crisis",),
        ],
    },
    {
        "slug": "burnout-is-not-a-personal-failing",
        "title": "Burnout is not a personal failing",
        "standfirst": "Exhaustion, cynicism and a sense that nothing you do makes a difference: "
        "burnout grows from working conditions, and recovery starts by taking it seriously.",
        "authors": ["priya-natarajan"],
        "topics": ["stress-and-burnout"],
        "days_ago": 70,
        "hero_description": "Earthy orange and cream circles softened over a light tan background.",
        "palette": 2,
        "body": [
            "Burnout is often described as if it were a matter of resilience: if only you managed "
            "your time better, meditated more or cared less. That framing misses what research "
            "on burnout has found for decades. It is a response to chronic stress at work that has "
            "not been successfully managed, and it is shaped far more by workload, control and "
            "fairness than by personal weakness.",
            ("h", "Three signs"),
            (
                "callout",
                "Burnout usually shows up as",
                [
                    "Exhaustion: feeling drained, with rest never quite enough.",
                    "Distance: cynicism or numbness about work and the people in it.",
                    "Reduced effectiveness: feeling that nothing you do makes a difference.",
                ],
            ),
            "Burnout overlaps with depression, and the two can feed each other. If low mood spills "
            "into every part of life, not just work, it is worth speaking to a professional.",
            ("h", "What helps recovery"),
            "Rest is necessary but rarely sufficient on its own. A holiday helps, and then the "
            "same conditions bring the same exhaustion back. Recovery usually means changing "
            "something about the load: fewer responsibilities, clearer priorities, more say in how "
            "the work is done, or more support from colleagues and managers.",
            "Outside work, protect the basics that burnout erodes: sleep, meals, movement and time "
            "with people who are not part of your job. Notice which activities leave you feeling "
            "restored and make room for them on purpose, not only when everything else is done.",
            (
                "quote",
                "You cannot self-care your way out of a job that asks for more than any "
                "person has to give.",
                "Priya Natarajan",
            ),
            ("h", "Talking to your workplace"),
            "If it is safe to do so, tell a manager or occupational health what is happening, "
            "with specific examples and what would help. Many workplaces have employee assistance "
            "programs offering a few free counseling sessions.",
            "If work cannot change, it may be time to plan a different role or a break, with "
            "support. Leaving a job that is harming your health is not giving up.",
        ],
    },
    {
        "slug": "boundaries-at-work",
        "title": "Setting boundaries at work without guilt",
        "standfirst": "Saying no to one request is saying yes to your health, your family and the "
        "work that matters most. Here is how to do it clearly and kindly.",
        "authors": ["daniel-reyes"],
        "topics": ["stress-and-burnout", "relationships"],
        "days_ago": 79,
        "hero_description": "Sage green background with broad cream circles and gentle white waves.",
        "palette": 4,
        "body": [
            "Boundaries are the limits we set on what we will do, and when. At work they might "
            "cover hours, availability after the working day, the amount of work we take on or how "
            "we are spoken to. Without them, the most conscientious people often end up carrying "
            "the most, until something gives.",
            "Many people feel guilty setting boundaries, as if it made them less committed. In "
            "practice, clear limits usually make people more reliable: they promise what they can "
            "deliver, and deliver it.",
            ("h", "Know your limits before you are asked"),
            "It is hard to decide on the spot. Think ahead about what matters to you: perhaps no "
            "messages after seven, or one evening a week protected for family. Limits you have "
            "chosen calmly are easier to hold under pressure.",
            ("h", "Say it simply"),
            (
                "callout",
                "Phrases that help",
                [
                    "“I can't take that on this week. I could look at it on Monday.”",
                    "“If I take this, which of my other tasks should wait?”",
                    "“I don't check email in the evenings; I'll reply first thing tomorrow.”",
                ],
            ),
            "You do not need to over-explain. A short reason, or none, is enough. Offering an "
            "alternative shows goodwill without giving up the limit.",
            ("h", "Expect some discomfort"),
            "When you change a pattern, others may push back, especially if they benefited from "
            "the old one. That does not mean the boundary is wrong. Hold it calmly and "
            "consistently; most people adjust faster than we fear.",
            (
                "quote",
                "A boundary is not a wall. It is a door you decide when to open.",
                "Daniel Reyes",
            ),
            "If a workplace punishes reasonable limits, or you feel unsafe raising them, that is "
            "important information. A therapist can help you think through your options and cope "
            "with the stress while you do.",
            "Start small: choose one limit that would make the biggest difference, practice it "
            "for a month, and notice what changes for you and for the people around you.",
        ],
    },
    {
        "slug": "what-happens-in-a-first-therapy-session",
        "title": "What happens in a first therapy session",
        "standfirst": "Not knowing what to expect keeps many people from booking that first "
        "appointment. Here is what usually happens, and what you can ask.",
        "authors": ["daniel-reyes"],
        "topics": ["starting-therapy"],
        "days_ago": 88,
        "reviewed_days_ago": 15,
        "hero_description": "Soft teal circles resting on a pale mint background.",
        "palette": 0,
        "body": [
            "Booking a first therapy appointment can take a lot of courage. It helps to know that "
            "the first session is mostly about getting to know each other. You do not need to "
            "arrive with your story organized or know exactly what you want to change.",
            ("h", "Before the session"),
            "Most therapists send forms to complete beforehand: contact details, consent to "
            "treatment, sometimes a short questionnaire about mood or anxiety. You will usually be "
            "told about fees, cancellations and how confidentiality works. If anything is unclear, "
            "ask.",
            ("h", "During the session"),
            "Your therapist will ask what brings you to therapy now, how long things have been "
            "difficult, and how they affect your daily life. They may ask about your health, "
            "relationships, work, sleep and any previous help you have had. You can decide how much "
            "to share; it is fine to say “I'm not ready to talk about that yet.”",
            (
                "callout",
                "Questions you can ask",
                [
                    "What kind of therapy do you practice, and how does it work?",
                    "How often would we meet, and for roughly how long?",
                    "How will we know whether it is helping?",
                    "What are the limits of confidentiality?",
                ],
            ),
            "Towards the end, many therapists share their first impressions and suggest a plan. "
            "This is a conversation, not a verdict: you can say what fits and what does not.",
            ("h", "After the session"),
            "It is normal to feel tired, relieved or unsettled afterwards. Notice how you felt "
            "with the therapist. Feeling heard and respected matters more than any particular "
            "technique, and it is fine to try someone else if the fit is not right.",
            (
                "quote",
                "The first session is as much you interviewing the therapist as the other "
                "way round.",
                "Daniel Reyes",
            ),
            "Many people also find it useful to jot down a few notes after each early session: "
            "what stood out, what they want to bring next time, and any questions that came up "
            "on the way home. Therapy works best as a collaboration, and those notes help.",
        ],
    },
    {
        "slug": "choosing-a-therapist-who-fits",
        "title": "How to choose a therapist who fits",
        "standfirst": "Licenses, approaches, cost and chemistry: a practical guide to finding "
        "someone you can work well with.",
        "authors": ["maya-okafor", "daniel-reyes"],
        "topics": ["starting-therapy"],
        "days_ago": 96,
        "hero_description": "Light blue sky gradient with cream, navy and white circles overlapping.",
        "palette": 3,
        "body": [
            "Research on therapy keeps finding the same thing: the relationship between client and "
            "therapist is one of the strongest predictors of whether therapy helps. Credentials "
            "and methods matter too, but it is worth choosing someone you feel comfortable with.",
            ("h", "Check the basics"),
            "Look for a licensed professional: a psychologist, licensed clinical social worker, "
            "licensed professional counselor, or marriage and family therapist, for example. "
            "Licenses can usually be checked on the state board's website. Ask about fees, "
            "insurance, sliding-scale places and whether sessions are online, in person or both.",
            ("h", "Match the approach to the problem"),
            (
                "callout",
                "A few common approaches",
                [
                    "Cognitive behavioral therapy: practical skills for anxiety, panic, depression and insomnia.",
                    "Couples and family therapy: patterns between people rather than within one person.",
                    "Psychodynamic therapy: how past experiences shape current feelings and relationships.",
                    "Trauma-focused therapies: for the lasting effects of frightening or violent events.",
                ],
            ),
            "Many therapists draw on more than one approach. Ask how they would work with the "
            "particular difficulty you are facing, and what a typical course looks like.",
            ("h", "Notice the fit"),
            "After one or two sessions, ask yourself: do I feel listened to? Do I understand what "
            "we are working on? Can I be honest here? Some discomfort is part of therapy, but you "
            "should not feel judged or dismissed. Identity can matter too; it is reasonable to look "
            "for a therapist who shares or understands your culture, faith, sexuality or language.",
            (
                "quote",
                "Looking for the right fit is not being difficult. It is taking your care "
                "seriously.",
                "Maya Okafor",
            ),
            "Our directory lets you search by location, issue, approach, insurance and more. If "
            "the first therapist is not the right fit, it is fine to try another.",
            "Changing therapist can feel awkward, but a good therapist will understand and may "
            "even suggest colleagues who could suit you better. What matters is that you keep "
            "looking until you find someone you can work with.",
        ],
    },
]

# The demo editor's choice of related articles (the rest fall back to sharing a topic).
RELATED = {
    "what-a-panic-attack-feels-like": ["worry-time", "choosing-a-therapist-who-fits"],
}

# Readers' comments by article slug: approved ones, and a few pending for the moderation list.
APPROVED = {
    "what-a-panic-attack-feels-like": [
        (
            "Rosalind",
            "",
            5,
            "The part about the alarm going off with no fire finally made it click for me. I used to think every attack meant something was physically wrong.\n\nNaming it as panic while it is happening does not stop it, but it shortens it.",
        ),
        (
            "Teo M.",
            "",
            19,
            "I keep a card in my wallet with the breathing steps written on it. On a bad day I cannot remember anything, so reading it helps.",
        ),
        (
            "Harriet",
            "",
            30,
            "Thank you for saying that avoiding places makes it worse over time. Nobody told me that for years, and my world got very small before it started to grow again.",
        ),
        (
            "jun",
            "",
            52,
            "Does anyone else get them at night, out of sleep? The article mentions it briefly. Mine happen around 3 a.m. and the dark makes it scarier.",
        ),
    ],
    "worry-time": [
        (
            "Marguerite",
            "",
            8,
            "I was skeptical, but writing worries down and saving them for 6 p.m. actually works for me. Half of them look smaller by then.",
        ),
        (
            "Sam O.",
            "",
            40,
            "My therapist suggested something similar. The hardest part is the first week, when the mind keeps trying to jump the queue.",
        ),
    ],
    "telling-sadness-from-depression": [
        (
            "Bea",
            "",
            3,
            "The two-week rule of thumb is useful. I kept telling myself it was just a rough patch, and it had been four months.",
        ),
        (
            "Nikolai",
            "",
            27,
            "Sharing this with my brother. He has stopped doing the things he loves and says he is only tired.",
        ),
        (
            "Ada L.",
            "",
            75,
            "It helped to read that depression can look like irritability, not only sadness. That was me, snapping at everyone and not knowing why.",
        ),
    ],
    "behavioral-activation": [
        (
            "Priyanka",
            "",
            12,
            "Ten-minute walk, every day, no matter what. Some days it is the only thing I do, and some days it leads to more. Either way it counts.",
        ),
    ],
    "sleep-and-mood": [
        (
            "Oskar",
            "",
            6,
            "Getting up at the same time every day, weekends included, changed more than any supplement I tried.",
        ),
        (
            "Leena",
            "",
            33,
            "Interesting that poor sleep can come before low mood and not only after it. I always assumed it was one-way.",
        ),
    ],
    "arguing-without-wounding": [
        (
            "Claire and Tom",
            "",
            20,
            "We tried the pause-and-return idea last weekend. Agreeing on the time to come back was the piece we had been missing: before, a pause felt like being walked out on.",
        ),
        (
            "Dev",
            "",
            48,
            "Criticizing the behavior instead of the person sounds obvious written down. In the moment it is very hard. Practising it helps.",
        ),
    ],
    "burnout-is-not-a-personal-failing": [
        (
            "Mireille",
            "",
            9,
            "I needed to read the title alone. Eleven years as a nurse and I had started to believe I was simply weak.",
        ),
        (
            "Gus",
            "",
            60,
            "Good point that rest alone does not fix it if nothing about the workload changes. Two weeks off and I was back where I started within a month.",
        ),
    ],
    "what-happens-in-a-first-therapy-session": [
        (
            "Wren",
            "",
            14,
            "I cancelled my first appointment twice because I did not know what would happen. Knowing it is mostly questions and getting to know each other would have helped.",
        ),
        (
            "Hector",
            "",
            90,
            "It is fine to ask the therapist about their approach and experience. I did, and they were glad I asked.",
        ),
    ],
}

PENDING = {
    "worry-time": [
        (
            "Fern",
            "",
            200,
            "Can worry time work for kids? My daughter is nine and worries at bedtime most nights.",
        ),
    ],
    "choosing-a-therapist-who-fits": [
        (
            "Best Deals Online",
            "https://deals.example.com",
            230,
            "Great article!! Visit www.deals.example.com for cheap offers every day http://deals.example.com/offers",
        ),
    ],
}

SUBSCRIBERS = [
    ("reader.one@example.com", "confirmed"),
    ("reader.two@example.org", "confirmed"),
    ("still.thinking@example.net", "pending"),
]
