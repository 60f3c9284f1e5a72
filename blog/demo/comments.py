"""Demo comment threads: readers' questions and the therapist's answers under her posts."""

THREADS = {
    "ten-minute-hip-and-spine-reset": [
        {
            "name": "Dana Whitfield",
            "email": "dana.whitfield@example.com",
            "url": "",
            "date": "2016-05-10 12:42",
            "body": (
                "Tried this on the floor of my office at lunch with the door closed. Felt "
                "wonderful, but during the figure-four I felt it more in my knee than in my hip. "
                "Am I doing something wrong?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2016-05-10 18:05",
                    "body": (
                        "Not wrong, just a little too much. Flex the crossed foot, as if you were "
                        "standing on it, and keep the bottom foot on the floor for now. The "
                        "stretch should settle into the buttock and outer hip. If the knee still "
                        "complains, rest the ankle a bit lower on the thigh."
                    ),
                    "replies": [
                        {
                            "name": "Dana Whitfield",
                            "email": "dana.whitfield@example.com",
                            "url": "",
                            "date": "2016-05-11 08:20",
                            "body": (
                                "Flexing the foot did it. I had no idea such a small thing would "
                                "change where I felt it. Thank you!"
                            ),
                            "replies": [],
                        },
                    ],
                },
            ],
        },
        {
            "name": "Zoë Lambert",
            "email": "zoe.lambert@example.net",
            "url": "",
            "date": "2016-05-10 21:15",
            "body": (
                "Did the whole thing before bed tonight and I am writing this half asleep. The "
                "knees to the side twist might be my new favourite thing. Thank you for sharing "
                "it."
            ),
            "replies": [],
        },
        {
            "name": "Marcus Reyes",
            "email": "mreyes.runs@example.com",
            "url": "https://example.org/marcus-runs",
            "date": "2016-05-11 06:30",
            "body": (
                "I run five or six mornings a week. Would you do this before a run or after? I "
                "usually just jog out the door cold, which I suspect is part of my problem."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2016-05-11 12:10",
                    "body": (
                        "After is the sweet spot for the longer holds. Before a run, a few pelvic "
                        "rocks and a round of cat and cow take two minutes and help you feel less "
                        "creaky in the first mile. Then start with an easy jog rather than your "
                        "race pace."
                    ),
                    "replies": [
                        {
                            "name": "Marcus Reyes",
                            "email": "mreyes.runs@example.com",
                            "url": "https://example.org/marcus-runs",
                            "date": "2016-05-11 19:48",
                            "body": (
                                "Makes sense, thank you. What about the hip flexor stretch? My "
                                "hips feel tightest at the front during the first mile or so, "
                                "especially on the uphill out of my neighbourhood."
                            ),
                            "replies": [
                                {
                                    "author": True,
                                    "date": "2016-05-12 07:35",
                                    "body": (
                                        "A short, gentle version before the run is fine: two or "
                                        "three slow breaths each side with the tailbone tucked. "
                                        "Save the full minute for afterwards, when the muscles are "
                                        "warm."
                                    ),
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        {
            "name": "Priya Natarajan",
            "email": "priya.n@example.org",
            "url": "",
            "date": "2016-05-12 22:05",
            "body": (
                "New mum here, my daughter is four months old and my back is very unhappy with all "
                "the carrying and feeding. Is it alright to do this with her lying next to me on "
                "the mat? Ten minutes alone is not happening any time soon."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2016-05-13 09:40",
                    "body": (
                        "Absolutely. Constructive rest with a baby on your chest is one of the "
                        "nicest versions there is. Keep her beside you for the hands-and-knees "
                        "steps, and skip anything that asks you to hurry. If you have not yet seen "
                        "a pelvic health physical therapist since the birth, it is well worth a "
                        "visit."
                    ),
                    "replies": [
                        {
                            "name": "Priya Natarajan",
                            "email": "priya.n@example.org",
                            "url": "",
                            "date": "2016-05-14 15:12",
                            "body": (
                                "Thank you! Update after two days: she thinks cat and cow is "
                                "hilarious and laughs every time my head drops. Best audience I "
                                "have ever had."
                            ),
                            "replies": [],
                        },
                    ],
                },
            ],
        },
        {
            "name": "Gordon Pratt",
            "email": "gordon.pratt@example.net",
            "url": "",
            "date": "2016-05-14 09:20",
            "body": (
                "I am 71 and getting down to the floor takes some planning these days, and getting "
                "back up takes more. Could I do these on my bed instead?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2016-05-14 16:30",
                    "body": (
                        "You can do the lying-down steps on a firm bed, yes, and that is a fine "
                        "place to start. The hands-and-knees steps are wobbly on a mattress, so "
                        "skip those. If you want to practise the floor, put a sturdy chair beside "
                        "you and take your time. It really does get easier with a little regular "
                        "practice."
                    ),
                    "replies": [
                        {
                            "name": "Ruth Abernathy",
                            "email": "ruth.abernathy@example.com",
                            "url": "",
                            "date": "2016-05-15 10:02",
                            "body": (
                                "Gordon, I am 68 and in the same boat. I keep a kitchen chair by "
                                "the mat and use it both going down and coming up. It took about "
                                "three weeks before it stopped feeling like an expedition."
                            ),
                            "replies": [
                                {
                                    "author": True,
                                    "date": "2016-05-15 18:45",
                                    "body": (
                                        "Thank you for sharing that, Ruth. A chair alongside is "
                                        "exactly what I would suggest, and three weeks sounds "
                                        "about right."
                                    ),
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        {
            "name": "José Álvarez",
            "email": "jose.alvarez@example.com",
            "url": "",
            "date": "2016-05-18 20:10",
            "body": (
                "Spring skiing at Snowbird last weekend, and my thighs were toast on Monday. Did "
                "this in the evening and the wide-knee child's pose was heaven. Would you add "
                "anything for ski days?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2016-05-19 07:50",
                    "body": (
                        "Glad it helped! After a ski day I like adding legs up the wall at the "
                        "start. It feels lovely after hours in boots. There is a whole ski-day "
                        "sequence in the Ski Legs post from a few winters ago."
                    ),
                },
            ],
        },
        {
            "name": "Siobhán Ní Bhriain",
            "email": "siobhan.nibhriain@example.org",
            "url": "",
            "date": "2016-05-20 19:25",
            "body": (
                "Everything felt good except the sphinx. I get a pinching feeling low down in my "
                "back after about twenty seconds. Should I push through it?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2016-05-21 08:15",
                    "body": (
                        "Please do not push through a pinch. Try sliding your elbows further "
                        "forward so the curve is gentler, or simply lie flat on your belly for "
                        "that minute. If it still pinches, leave it out. And if you ever feel pain "
                        "travelling into a leg, have it checked."
                    ),
                    "replies": [
                        {
                            "name": "Siobhán Ní Bhriain",
                            "email": "siobhan.nibhriain@example.org",
                            "url": "",
                            "date": "2016-05-22 20:40",
                            "body": (
                                "Elbows forward was the answer. Much gentler, and no pinching at "
                                "all, even after the full minute. Thank you for such a quick and "
                                "clear reply."
                            ),
                            "replies": [],
                        },
                    ],
                },
            ],
        },
        {
            "name": "Hannah Okafor",
            "email": "hannah.okafor@example.com",
            "url": "",
            "date": "2016-05-23 13:05",
            "body": (
                "Does anyone have a mat they like for this kind of thing? Mine is very thin and my "
                "knees complain in cat and cow."
            ),
            "replies": [
                {
                    "name": "Tomasz Kowal",
                    "email": "tomasz.kowal@example.net",
                    "url": "https://example.org/tomasz",
                    "date": "2016-05-23 17:30",
                    "body": (
                        "I tried four mats last year and wrote up what I found here: "
                        "https://example.org/mat-guide\n\n"
                        "Short version: a thicker one is nice for floor work, but a folded blanket "
                        "under the knees does most of the job for free."
                    ),
                    "replies": [
                        {
                            "author": True,
                            "date": "2016-05-24 08:00",
                            "body": (
                                "Thanks, Tomasz, that matches my experience. Any mat that does not "
                                "slide is enough. Pad the knees with a blanket and you are set, "
                                "Hannah."
                            ),
                        },
                    ],
                },
            ],
        },
        {
            "name": "Łukasz Wiśniewski",
            "email": "lukasz.w@example.com",
            "url": "",
            "date": "2016-06-02 21:18",
            "body": (
                "I have done this every evening for two weeks. My hips feel noticeably looser and "
                "I no longer groan getting out of the car. How long before the change lasts?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2016-06-03 07:20",
                    "body": (
                        "That is great to hear. For most people the lasting change comes from a "
                        "few sessions a week over several weeks, so you are well on your way. I "
                        "wrote more about this in the follow-up post with your questions about the "
                        "reset."
                    ),
                },
            ],
        },
        {
            "name": "Carol Benson",
            "email": "carol.benson@example.org",
            "url": "",
            "date": "2016-06-15 10:30",
            "body": (
                "I had a total hip replacement eight weeks ago on my right side. Recovery is going "
                "well and I am itching to do more. Is this sequence safe for me?\n\n"
                "I miss being on the floor with my grandchildren most of all."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2016-06-15 17:55",
                    "body": (
                        "Congratulations on how well it is going! I cannot say what is safe "
                        "without knowing your surgery and your precautions, which vary with the "
                        "surgical approach. The knee hug, figure-four and twist in particular are "
                        "often limited early on. Please show this sequence to your surgeon or the "
                        "physical therapist treating you and ask which steps fit your stage."
                    ),
                    "replies": [
                        {
                            "name": "Carol Benson",
                            "email": "carol.benson@example.org",
                            "url": "",
                            "date": "2016-06-20 11:40",
                            "body": (
                                "I took your advice and asked my PT. She said constructive rest "
                                "and pelvic rocks are fine now, and to wait on the figure-four and "
                                "the twist until she clears me."
                            ),
                            "replies": [
                                {
                                    "author": True,
                                    "date": "2016-06-20 19:10",
                                    "body": (
                                        "That sounds like a very sensible plan. She knows your "
                                        "hip, so follow her lead. Those first two steps are lovely "
                                        "on their own."
                                    ),
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        {
            "name": "ليلى حداد",
            "email": "layla.haddad@example.com",
            "url": "",
            "date": "2016-07-08 22:30",
            "body": (
                "Thank you for this. A question about the wall angels: my hands do not reach the "
                "wall at all when my arms are in the goalpost shape. Is that a problem?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2016-07-09 09:05",
                    "body": (
                        "Not a problem at all, and you are in very good company. Let the hands "
                        "hover where they are and slide up only as far as your ribs stay soft. The "
                        "range usually grows with time."
                    ),
                },
            ],
        },
        {
            "name": "Ben Castillo",
            "email": "ben.castillo@example.net",
            "url": "",
            "date": "2016-08-14 08:12",
            "body": (
                "Printed this out and taped it to the fridge. My whole household is doing it now, "
                "including my teenager, who pretends not to enjoy it."
            ),
            "replies": [
                {
                    "name": "Zoë Lambert",
                    "email": "zoe.lambert@example.net",
                    "url": "",
                    "date": "2016-08-15 20:03",
                    "body": (
                        "Ha, ours is on the fridge too, right next to the takeout menus. Glad I am "
                        "not the only one."
                    ),
                    "replies": [],
                },
            ],
        },
        {
            "name": "Keiko Tanaka",
            "email": "keiko.tanaka@example.org",
            "url": "",
            "date": "2016-09-06 19:47",
            "body": (
                "My knees really do not like child's pose. They ache after about twenty seconds. "
                "Is there another way to do it?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2016-09-07 08:30",
                    "body": (
                        "Try a pillow between your hips and heels so you are not folding the knees "
                        "so deeply, and a rolled towel under your ankles. If it still aches, rest "
                        "on your back and hug both knees loosely instead."
                    ),
                    "replies": [
                        {
                            "name": "Keiko Tanaka",
                            "email": "keiko.tanaka@example.org",
                            "url": "",
                            "date": "2016-09-09 20:15",
                            "body": (
                                "The pillow made all the difference. I can stay the whole minute "
                                "now and actually breathe into my back instead of just counting "
                                "the seconds. Thank you!"
                            ),
                            "replies": [],
                        },
                    ],
                },
            ],
        },
        {
            "name": "Trevor Lindqvist",
            "email": "trevor.lindqvist@example.com",
            "url": "",
            "date": "2016-10-12 14:22",
            "body": (
                "I sit at a desk from eight to six. The floor parts are great at home, but is "
                "there anything from this I can do at work without lying on the office carpet?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2016-10-12 19:40",
                    "body": (
                        "Yes. Seated pelvic rocks and the chair figure-four are both good office "
                        "versions, and the wall angels work against any free bit of wall. The "
                        "Sitting Is Not the Enemy post has a short chair sequence you can do in "
                        "work clothes."
                    ),
                },
            ],
        },
        {
            "name": "Amara Osei",
            "email": "amara.osei@example.net",
            "url": "",
            "date": "2016-11-03 18:50",
            "body": (
                "I am 28 weeks pregnant and my low back has been grumpy. Is this okay to do, or "
                "should I skip some steps?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2016-11-04 08:25",
                    "body": (
                        "Please check with your midwife or doctor first. Later in pregnancy, lying "
                        "flat on your back can make some people feel light-headed, so the lying "
                        "steps can be done on your side instead. Cat and cow and child's pose with "
                        "wide knees are often comfortable. A pelvic health physical therapist can "
                        "tailor this for you."
                    ),
                    "replies": [
                        {
                            "name": "Amara Osei",
                            "email": "amara.osei@example.net",
                            "url": "",
                            "date": "2016-11-06 12:00",
                            "body": (
                                "Thank you. My midwife was happy with cat and cow and side-lying "
                                "rest, so that is what I am doing."
                            ),
                            "replies": [],
                        },
                    ],
                },
            ],
        },
        {
            "name": "Jess 🌲",
            "email": "jess.trails@example.org",
            "url": "https://example.net/jess-on-the-trail",
            "date": "2017-01-22 17:35",
            "body": (
                "Did this after a long snowy trail run up Bonneville Shoreline and it took all the "
                "stiffness out of my hips. Ten minutes well spent. 🌲"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2017-01-23 07:45",
                    "body": (
                        "Sounds like a beautiful run, snow and all. I am glad the reset helped you "
                        "land softly afterwards. Drink something warm and enjoy the glow."
                    ),
                },
            ],
        },
        {
            "name": "Daniel Moreau",
            "email": "daniel.moreau@example.com",
            "url": "",
            "date": "2017-02-14 21:08",
            "body": (
                "In the knees-to-the-side twist my knees stay way up in the air, nowhere near the "
                "floor. Should I try to push them down?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2017-02-15 09:10",
                    "body": (
                        "No pushing needed. Only go as far as your opposite shoulder stays heavy. "
                        "Slide a pillow or two under the lowered knees so they have something to "
                        "rest on, and it becomes a restful twist rather than a stretch."
                    ),
                },
            ],
        },
        {
            "name": "Ingrid Solberg",
            "email": "ingrid.solberg@example.net",
            "url": "",
            "date": "2017-03-19 10:44",
            "body": (
                "I was diagnosed with osteoporosis last year and I am nervous about doing the "
                "wrong thing. Which parts of this sequence are okay for me?\n\n"
                "I am 64 and otherwise quite active. I walk every day and garden all summer."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2017-03-19 16:20",
                    "body": (
                        "That is a very good question to bring to your own physical therapist, "
                        "because the answer depends on your bone density and history. In general, "
                        "forceful rounding and twisting are the movements to be careful with, so "
                        "the cat part of cat and cow, the knee hug and the twist are worth asking "
                        "about first."
                    ),
                    "replies": [
                        {
                            "name": "Ingrid Solberg",
                            "email": "ingrid.solberg@example.net",
                            "url": "",
                            "date": "2017-04-02 14:15",
                            "body": (
                                "My therapist changed cat and cow to just the cow half and made "
                                "the twist much smaller. The rest she was happy with. Thank you "
                                "for pointing me back to her."
                            ),
                            "replies": [],
                        },
                    ],
                },
            ],
        },
        {
            "name": "Wes Harmon",
            "email": "wes.harmon@example.com",
            "url": "",
            "date": "2017-05-10 06:40",
            "body": (
                "One year ago today I started doing this every morning. My back has not been this "
                "happy in a decade. Thank you, Dr. Holt."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2017-05-10 12:15",
                    "body": (
                        "A whole year of mornings! That made my day, Wes. Thank you for coming "
                        "back to tell me, and here is to many more."
                    ),
                },
                {
                    "name": "Dana Whitfield",
                    "email": "dana.whitfield@example.com",
                    "url": "",
                    "date": "2017-05-11 09:02",
                    "body": (
                        "Every morning for a year is seriously impressive. I manage about three "
                        "times a week and I am already grateful for it."
                    ),
                    "replies": [],
                },
            ],
        },
        {
            "name": "Mei-Ling Chou",
            "email": "meiling.chou@example.org",
            "url": "",
            "date": "2017-06-07 20:55",
            "body": (
                "My left hip clicks when I bring it out of the figure-four. It does not hurt at "
                "all, it just makes a noise. Should I worry about it?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2017-06-08 08:40",
                    "body": (
                        "A painless click is very common and often just a tendon sliding over "
                        "bone. Try coming out of the position more slowly. If it starts to hurt, "
                        "catch or feel unstable, have a physical therapist take a look."
                    ),
                },
            ],
        },
        {
            "name": "Patrick O'Connell",
            "email": "pat.oconnell@example.net",
            "url": "",
            "date": "2017-08-27 19:30",
            "body": (
                "Summited Timpanogos yesterday and my hips felt about a hundred years old this "
                "morning. This sequence helped more than the ibuprofen did."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2017-08-28 07:55",
                    "body": (
                        "Congratulations on the summit! That descent is long. Take it easy for a "
                        "day or two, and the After the Trail post has a few more ideas for hiking "
                        "hips."
                    ),
                },
            ],
        },
        {
            "name": "Sofia Greco",
            "email": "sofia.greco@example.com",
            "url": "",
            "date": "2017-09-14 12:18",
            "body": (
                "Is it okay to do this twice a day? I like it in the morning to get going and "
                "again before bed to wind down. Or is that overdoing it?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2017-09-14 18:30",
                    "body": (
                        "Yes, twice is fine as long as it feels good. Keep the holds easy rather "
                        "than stretching harder each time."
                    ),
                },
            ],
        },
        {
            "name": "Ruth Abernathy",
            "email": "ruth.abernathy@example.com",
            "url": "",
            "date": "2017-11-05 16:10",
            "body": (
                "An update from last year: I can now get down to the floor and up again without "
                "the chair most days. I never thought I would write that sentence."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2017-11-06 08:00",
                    "body": (
                        "Ruth, this is wonderful news, and it is all down to your steady practice. "
                        "Keep the chair nearby for the off days anyway."
                    ),
                },
            ],
        },
        {
            "name": "Omar Siddiqui",
            "email": "omar.siddiqui@example.org",
            "url": "",
            "date": "2018-01-16 20:20",
            "body": (
                "In the half-kneeling hip flexor stretch I mostly feel it in the front of my "
                "thigh, not the hip. Am I lunging wrong?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2018-01-17 08:45",
                    "body": (
                        "Likely you are moving forward rather than tucking. Stay upright, then "
                        "gently tuck your tailbone as if zipping snug jeans. You may not need to "
                        "move forward at all. A little stretch along the front of the thigh is "
                        "fine too."
                    ),
                    "replies": [
                        {
                            "name": "Omar Siddiqui",
                            "email": "omar.siddiqui@example.org",
                            "url": "",
                            "date": "2018-01-18 21:05",
                            "body": (
                                "The tuck was what I was missing. I barely move now and I feel it "
                                "right at the front of the hip, exactly where you said. Thanks!"
                            ),
                            "replies": [],
                        },
                    ],
                },
            ],
        },
        {
            "name": "Grace Liu",
            "email": "grace.liu@example.com",
            "url": "",
            "date": "2018-03-04 22:40",
            "body": (
                "I have been finishing with five minutes of legs up the wall after the wall "
                "angels. It is a lovely way to end before bed."
            ),
            "replies": [],
        },
        {
            "name": "Henrik Dahl",
            "email": "henrik.dahl@example.net",
            "url": "",
            "date": "2018-04-11 13:30",
            "body": (
                "Is there a video of this anywhere? I follow along fine, but I am never sure "
                "whether I am holding long enough or rushing through the steps."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2018-04-11 19:15",
                    "body": (
                        "Not yet, I am afraid. The drawings with each step show the positions, and "
                        "the hold times are guides rather than rules. A simple timer on your phone "
                        "works well for the one-minute holds."
                    ),
                    "replies": [
                        {
                            "name": "Bea Thornton",
                            "email": "bea.thornton@example.org",
                            "url": "",
                            "date": "2018-04-13 10:25",
                            "body": (
                                "Henrik, I recorded myself reading the steps aloud with pauses for "
                                "the holds. Now I just press play and follow my own voice. "
                                "Slightly odd but it works!"
                            ),
                            "replies": [],
                        },
                    ],
                },
            ],
        },
        {
            "name": "Alejandra Ruiz",
            "email": "alejandra.ruiz@example.com",
            "url": "",
            "date": "2018-06-05 15:45",
            "body": (
                "I teach fourth grade and we did a short version on the classroom carpet during "
                "the last week of school: constructive rest, cat and cow and child's pose. The "
                "quiet was astonishing."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2018-06-06 07:30",
                    "body": (
                        "What a lovely idea. Those three are perfect for a classroom, and I "
                        "suspect the teacher enjoyed it as much as anyone."
                    ),
                },
            ],
        },
        {
            "name": "Chris Nakamura",
            "email": "chris.nakamura@example.net",
            "url": "",
            "date": "2018-09-23 20:50",
            "body": (
                "Drove back from Moab today and did this on the hotel floor halfway. Felt like a "
                "new person for the second half of the drive."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2018-09-24 08:20",
                    "body": (
                        "A hotel floor counts. For the next trip, the Rest-Stop Routine post has a "
                        "short version you can do by the car."
                    ),
                },
            ],
        },
        {
            "name": "Tamsin Greene",
            "email": "tamsin.greene@example.org",
            "url": "",
            "date": "2018-11-28 18:05",
            "body": (
                "Season starts this weekend and I want to look after my hips this year. Are there "
                "any of these steps you would prioritise before a ski day rather than after?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2018-11-29 07:40",
                    "body": (
                        "Before skiing I would keep it short and moving: pelvic rocks, cat and cow "
                        "and the tabletop rock-back if you like. Save the long holds for the "
                        "evening, when your legs have earned them."
                    ),
                },
            ],
        },
        {
            "name": "Jorge Peña",
            "email": "jorge.pena@example.com",
            "url": "",
            "date": "2019-01-30 19:12",
            "body": (
                "Wall angels give me a sore neck every time, even though I go slowly. The rest of "
                "the sequence I love. What might I be doing wrong?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2019-01-31 08:35",
                    "body": (
                        "Try keeping your arms lower than feels natural and put a small folded "
                        "towel behind your head so you are not reaching back for the wall. Keep "
                        "the ribs soft and breathe out as the arms slide up."
                    ),
                    "replies": [
                        {
                            "name": "Jorge Peña",
                            "email": "jorge.pena@example.com",
                            "url": "",
                            "date": "2019-02-02 17:50",
                            "body": (
                                "The towel helped a lot, and keeping my arms lower too. No sore "
                                "neck today for the first time. Should I add more repetitions now?"
                            ),
                            "replies": [
                                {
                                    "author": True,
                                    "date": "2019-02-03 09:20",
                                    "body": (
                                        "So glad it is better. Eight slow ones is plenty. It is "
                                        "better to keep them easy and smooth than to add more, so "
                                        "let the range grow on its own."
                                    ),
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        {
            "name": "Anneliese Becker",
            "email": "anneliese.becker@example.net",
            "url": "",
            "date": "2019-04-17 21:30",
            "body": (
                "Mother of eight-month-old twins here. Ten uninterrupted minutes sounds like a "
                "fantasy. Is a shorter version still worth doing, or does it only work as a whole?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2019-04-18 07:05",
                    "body": (
                        "Very much so. Pick three or four steps: constructive rest, figure-four, "
                        "child's pose and the hip flexor stretch make a good short set. Even one "
                        "step on a hard day counts."
                    ),
                },
            ],
        },
        {
            "name": "Sam Whitaker",
            "email": "sam.whitaker@example.com",
            "url": "",
            "date": "2019-07-21 09:15",
            "body": (
                "My dog now lies down next to me the moment I unroll the mat and does his own "
                "version of child's pose. Highly recommended."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2019-07-21 14:30",
                    "body": (
                        "Dogs are excellent teachers of rest. Nobody does a long, slow stretch "
                        "after a nap quite like them. Give him my regards."
                    ),
                },
                {
                    "name": "Lena Fischer",
                    "email": "lena.fischer@example.org",
                    "url": "",
                    "date": "2019-07-22 20:40",
                    "body": (
                        "Mine lies directly on the mat so I have to do the whole thing around her. "
                        "She refuses to move for constructive rest."
                    ),
                    "replies": [],
                },
            ],
        },
        {
            "name": "Olu Adeyemi",
            "email": "olu.adeyemi@example.com",
            "url": "",
            "date": "2019-10-09 20:05",
            "body": (
                "I have had on and off back pain for years. This routine feels good while I am "
                "doing it, but getting up from the floor at the end sometimes gives me a sharp "
                "twinge.\n\n"
                "Is that normal, or am I getting up the wrong way?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2019-10-10 08:15",
                    "body": (
                        "The transitions are where things tend to tweak. Roll to your side, push "
                        "up to hands and knees, pause, then come to half-kneeling before standing. "
                        "If sharp pain keeps showing up, it is worth having a physical therapist "
                        "look at how you move."
                    ),
                },
            ],
        },
        {
            "name": "Fiona MacLeod",
            "email": "fiona.macleod@example.net",
            "url": "",
            "date": "2020-04-09 10:30",
            "body": (
                "Working from home now and doing this every day at lunch in the living room. It "
                "has become the best part of the day, honestly."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2020-04-09 16:45",
                    "body": (
                        "I am so glad it is helping right now. If you want a change, the "
                        "small-space sequence I posted this week fits in the same patch of floor."
                    ),
                },
            ],
        },
        {
            "name": "Kwame Mensah",
            "email": "kwame.mensah@example.org",
            "url": "",
            "date": "2020-05-14 17:20",
            "body": (
                "Six weeks of laptop at the dining table and my upper back was in knots. The wall "
                "angels and cat and cow are the parts that help most."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2020-05-15 08:10",
                    "body": (
                        "Those two are great for the upper back. Raising the laptop on a stack of "
                        "books helps too. I wrote a few more ideas in the Kitchen-Table Office "
                        "post."
                    ),
                },
            ],
        },
        {
            "name": "Rosa Delgado",
            "email": "rosa.delgado@example.com",
            "url": "",
            "date": "2020-08-02 21:45",
            "body": (
                "A friend sent me this and I have done it every evening this summer. Four years "
                "on, it still reaches new readers. Thank you."
            ),
            "replies": [],
        },
        {
            "name": "Mateus Costa",
            "email": "mateus.costa@example.net",
            "url": "",
            "date": "2021-01-19 19:40",
            "body": (
                "During the figure-four I sometimes get tingling down the back of the leg into my "
                "foot. Is that just a deep stretch?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2021-01-20 08:30",
                    "body": (
                        "Tingling is your cue to ease off rather than a sign of a good stretch. "
                        "Keep the bottom foot on the floor and back out until it goes away, or "
                        "skip that step. If it keeps happening, please get it checked by a "
                        "physical therapist or your doctor."
                    ),
                },
            ],
        },
        {
            "name": "Elif Yıldız",
            "email": "elif.yildiz@example.org",
            "url": "https://example.com/elif-yoga",
            "date": "2021-06-08 11:10",
            "body": (
                "I teach a gentle yoga class and would love to use this sequence with my students. "
                "Would that be okay if I credit you?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2021-06-08 17:25",
                    "body": (
                        "Of course, and thank you for asking. Please point them back to this page "
                        "so they can read the cautions too."
                    ),
                },
            ],
        },
        {
            "name": "Nate Sorensen",
            "email": "nate.sorensen@example.com",
            "url": "",
            "date": "2021-12-12 20:15",
            "body": (
                "Did the reset after three days in a row at Alta. My legs felt like jelly before "
                "and almost human afterwards. Planning a fourth day tomorrow."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2021-12-13 07:50",
                    "body": (
                        "Three days in a row is a lot. A rest day is a fine idea too, with this in "
                        "the evening."
                    ),
                    "replies": [
                        {
                            "name": "Nate Sorensen",
                            "email": "nate.sorensen@example.com",
                            "url": "",
                            "date": "2021-12-14 19:30",
                            "body": (
                                "Took the rest day and did the reset twice instead. Mostly because "
                                "my legs left me no choice, but still, I am counting it as wisdom."
                            ),
                            "replies": [],
                        },
                    ],
                },
            ],
        },
        {
            "name": "Bridget Kowalczyk",
            "email": "bridget.k@example.net",
            "url": "",
            "date": "2022-03-06 16:40",
            "body": (
                "Getting down is fine for me, but getting back up off the floor at the end feels "
                "clumsy. Any tips?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2022-03-07 08:25",
                    "body": (
                        "Roll onto your side, press up to your hands and knees, bring one foot "
                        "forward and use a hand on your knee or a chair to stand. I am working on "
                        "a whole post about this, so watch this space."
                    ),
                },
            ],
        },
        {
            "name": "Aroha Ngata",
            "email": "aroha.ngata@example.com",
            "url": "",
            "date": "2022-07-18 07:55",
            "body": (
                "You say to breathe through the nose throughout, but my allergies this summer make "
                "that impossible. Does it matter much?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2022-07-18 13:10",
                    "body": (
                        "Not at all. Breathe through your mouth if you need to, just keep it slow "
                        "and unhurried. The calm pace matters much more than the route."
                    ),
                },
            ],
        },
        {
            "name": "Hiroshi Sato",
            "email": "hiroshi.sato@example.org",
            "url": "",
            "date": "2022-10-24 21:20",
            "body": (
                "Found this six years after it was written. I have tried many apps and videos, and "
                "this simple list is the one I keep coming back to. Thank you."
            ),
            "replies": [],
        },
    ],
    "your-questions-about-the-reset": [
        {
            "name": "Gordon Pratt",
            "email": "gordon.pratt@example.net",
            "url": "",
            "date": "2016-05-27 10:15",
            "body": (
                "The four-step short version is exactly what I needed. Constructive rest, "
                "figure-four, child's pose and the hip flexor stretch fit nicely before my morning "
                "coffee."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2016-05-27 16:40",
                    "body": (
                        "That is a lovely routine, Gordon, and the morning is a good time for it. "
                        "Coffee as a reward is allowed, even encouraged."
                    ),
                },
            ],
        },
        {
            "name": "Siobhán Ní Bhriain",
            "email": "siobhan.nibhriain@example.org",
            "url": "",
            "date": "2016-05-29 21:30",
            "body": (
                "Evening it is, then. Is it okay to do it right after dinner, or should I wait a "
                "while? That is usually the only quiet time I have."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2016-05-30 07:45",
                    "body": (
                        "Give yourself half an hour or so after a big meal. Child's pose and "
                        "sphinx are not much fun on a full stomach."
                    ),
                    "replies": [
                        {
                            "name": "Siobhán Ní Bhriain",
                            "email": "siobhan.nibhriain@example.org",
                            "url": "",
                            "date": "2016-05-30 20:10",
                            "body": (
                                "Very good point about child's pose. I learned that one the hard "
                                "way last night after a big bowl of pasta! Waiting from now on."
                            ),
                            "replies": [],
                        },
                    ],
                },
            ],
        },
        {
            "name": "Łukasz Wiśniewski",
            "email": "lukasz.w@example.com",
            "url": "",
            "date": "2016-06-04 09:30",
            "body": (
                "Thank you for answering everyone's questions in one place. The part about three "
                "or four steps done with attention was a good reminder for me."
            ),
            "replies": [],
        },
    ],
    "figure-four-three-ways": [
        {
            "name": "Marcus Reyes",
            "email": "mreyes.runs@example.com",
            "url": "https://example.org/marcus-runs",
            "date": "2018-07-18 06:50",
            "body": (
                "Tried the counter version after my run this morning. Harder on the balance than I "
                "expected, but the stretch was great."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2018-07-18 12:30",
                    "body": (
                        "It is the sneaky balance challenge of the three. Hold the counter with "
                        "both hands and sit back only a little. After a long run, the chair "
                        "version is a kinder choice for tired legs."
                    ),
                },
            ],
        },
        {
            "name": "Nicolás Fuentes",
            "email": "nicolas.fuentes@example.net",
            "url": "",
            "date": "2018-07-22 19:20",
            "body": (
                "The chair version makes my knee ache, even with the foot flexed and a tall back. "
                "The lying one is fine. Any idea why the difference?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2018-07-23 08:05",
                    "body": (
                        "Then the lying version is your version, and that is perfectly fine. You "
                        "can also try resting the ankle lower on the shin and skipping the forward "
                        "lean."
                    ),
                    "replies": [
                        {
                            "name": "Nicolás Fuentes",
                            "email": "nicolas.fuentes@example.net",
                            "url": "",
                            "date": "2018-07-24 20:35",
                            "body": (
                                "Ankle lower on the shin worked for the chair, no ache at all. "
                                "Very useful at the office, where lying on the floor is frowned "
                                "upon. Thank you."
                            ),
                            "replies": [],
                        },
                    ],
                },
            ],
        },
    ],
    "holiday-travel-kind-hips-in-a-cramped-seat": [
        {
            "name": "Chris Nakamura",
            "email": "chris.nakamura@example.net",
            "url": "",
            "date": "2019-12-05 19:30",
            "body": (
                "Fourteen hours to Manila later this month to see my grandmother. Aisle or window "
                "for the hips? I usually pick the window to sleep."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2019-12-06 08:10",
                    "body": (
                        "Aisle, if you can, so getting up to walk is easy and nobody has to climb "
                        "over. Walk the aisle every hour or two when the seatbelt sign allows, and "
                        "follow your doctor's advice if you have been told you are at higher risk "
                        "of clots."
                    ),
                },
            ],
        },
        {
            "name": "Hannah Okafor",
            "email": "hannah.okafor@example.com",
            "url": "",
            "date": "2019-12-10 12:45",
            "body": (
                "I use https://example.com/seat-maps to check legroom before I book. An extra inch "
                "makes the chair figure-four possible.\n\n"
                "And you are right, nobody notices the pelvic rocks."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2019-12-10 18:20",
                    "body": (
                        "Good tip, Hannah. Every inch counts on a long flight, and a little room "
                        "makes the gentle chair figure-four much more comfortable."
                    ),
                },
            ],
        },
        {
            "name": "Wes Harmon",
            "email": "wes.harmon@example.com",
            "url": "",
            "date": "2019-12-27 22:05",
            "body": (
                "Did the wall hinge at the baggage carousel at SLC after a red-eye. A man next to "
                "me watched for a minute and then joined in."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2019-12-28 09:30",
                    "body": (
                        "This is exactly the kind of thing I hoped would happen. You may have "
                        "started a baggage-claim movement. Happy holidays, Wes."
                    ),
                },
                {
                    "name": "Ben Castillo",
                    "email": "ben.castillo@example.net",
                    "url": "",
                    "date": "2019-12-29 11:15",
                    "body": (
                        "Ha! I did the same in Denver last week while waiting for my bag. Nobody "
                        "even looked up from their phones, which was a relief."
                    ),
                    "replies": [],
                },
            ],
        },
    ],
    "first-snow-easing-into-ski-season": [
        {
            "name": "Nate Sorensen",
            "email": "nate.sorensen@example.com",
            "url": "",
            "date": "2022-11-16 20:40",
            "body": (
                "Opening weekend at Brighton coming up. Is a stack of books really fine for the "
                "supported bridge? I do not own a block."
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2022-11-17 07:55",
                    "body": (
                        "Two firm hardback books work well. Keep the stack low to start, and make "
                        "sure it sits under the flat bony part of your pelvis, not your low back."
                    ),
                    "replies": [
                        {
                            "name": "Nate Sorensen",
                            "email": "nate.sorensen@example.com",
                            "url": "",
                            "date": "2022-11-21 19:10",
                            "body": (
                                "Books worked fine, two old cookbooks. I also took your advice and "
                                "kept the first day short, just a few runs. My legs thank you."
                            ),
                            "replies": [],
                        },
                    ],
                },
            ],
        },
        {
            "name": "Tamsin Greene",
            "email": "tamsin.greene@example.org",
            "url": "",
            "date": "2022-11-20 18:35",
            "body": (
                "The strap hamstring stretch gives me a tingly feeling down into my calf. Should I "
                "hold it longer to loosen it?"
            ),
            "replies": [
                {
                    "author": True,
                    "date": "2022-11-21 08:15",
                    "body": (
                        "Please do not. Lower the leg until the tingling eases and keep the knee "
                        "soft. Nerves prefer to be coaxed. If it lingers afterwards or keeps "
                        "coming back, have it checked before ski season gets busy."
                    ),
                },
            ],
        },
    ],
}
