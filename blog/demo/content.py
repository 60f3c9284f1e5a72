"""Demo content for the ALIGN blog: the therapist, categories, exercises and posts."""

AUTHOR = {
    "name": "Maren Holt",
    "slug": "maren-holt",
    "credentials": "PT, DPT",
    "bio": (
        "Maren Holt is a physical therapist and the founder of ALIGN integration|movement in Salt "
        "Lake City. She has spent more than fifteen years helping people move with less strain, "
        "from weekend skiers to folks who spend their days behind a desk or a steering wheel. Off "
        "the clock you will usually find her hiking in the Wasatch with a thermos of tea and no "
        "particular hurry."
    ),
    "username": "therapist",
}

CATEGORIES = [
    {
        "name": "Feel Good Series",
        "slug": "feel-good-series",
        "description": (
            "Short, gentle floor sequences for the days when your body asks for a reset. Nothing "
            "to buy beyond a mat, a wall and perhaps a folded blanket."
        ),
    },
    {
        "name": "Hips",
        "slug": "hips",
        "description": (
            "Stretches and restful positions for hips that hike, ski, sit and carry us around all "
            "day."
        ),
    },
    {
        "name": "Spine",
        "slug": "spine",
        "description": (
            "Ways to give your back room to breathe: gentle extension, easy rotation and plenty of "
            "rest."
        ),
    },
    {
        "name": "Desk & Travel",
        "slug": "desk-and-travel",
        "description": (
            "Small resets for long workdays, road trips and airplane seats, most of which you can "
            "do in street clothes."
        ),
    },
]

EXERCISES = [
    {
        "slug": "constructive-rest",
        "name": "Constructive Rest",
        "instructions": (
            "Lie on your back on a mat or carpet with your knees bent and your feet flat on the "
            "floor, about hip-width apart. Let your knees lean gently toward each other so your "
            "legs can rest without effort. A folded towel under your head is welcome if your chin "
            "tips up toward the ceiling.\n\n"
            "Rest your hands on your belly or let your arms settle on the floor beside you. "
            "Breathe slowly through your nose and notice the back of your pelvis, your ribs and "
            "your shoulder blades being held by the floor.\n\n"
            "There is nothing to do here except let go a little more with each breath out. If your "
            "mind wanders to your to-do list, that is fine; come back to the feeling of the floor."
        ),
        "hold_seconds": 300,
        "each_side": False,
        "repetitions": None,
        "cautions": (
            "Later in pregnancy, lying flat on your back can make some people feel light-headed. "
            "Rest on your side instead."
        ),
        "photo_alt": (
            "Drawing of a person lying on their back on a mat with knees bent, feet flat and hands "
            "resting on the belly"
        ),
        "pose": "supine-rest",
    },
    {
        "slug": "pelvic-rocks",
        "name": "Lying Pelvic Rocks",
        "instructions": (
            "Start in constructive rest: on your back, knees bent, feet flat. Notice the small "
            "curve under your low back; it is usually just big enough for a hand to slide "
            "under.\n\n"
            "As you breathe out, gently rock your pelvis so your tailbone curls slightly toward "
            "the ceiling and your low back softens into the floor. As you breathe in, rock the "
            "other way so the curve returns. Keep the movement small and smooth, like a boat "
            "rocking on still water.\n\n"
            "Pause for a breath at each end. Your buttocks and shoulders stay on the floor the "
            "whole time."
        ),
        "hold_seconds": 5,
        "each_side": False,
        "repetitions": 10,
        "cautions": (
            "Keep the range small and comfortable. This should feel like oiling a hinge, never "
            "like forcing it."
        ),
        "photo_alt": (
            "Drawing of a person lying on their back on a mat with knees bent, feet flat and hands "
            "resting on the belly"
        ),
        "pose": "supine-rest",
    },
    {
        "slug": "single-knee-hug",
        "name": "Single Knee Hug",
        "instructions": (
            "Lie on your back with both legs long on the floor, or keep one knee bent if your low "
            "back prefers it. Draw your right knee toward your chest and hold it with both hands, "
            "either behind the thigh or on top of the shin.\n\n"
            "Let the knee come in only as far as it goes without your tailbone lifting off the "
            "floor. Relax your shoulders and let the back of your neck stay long.\n\n"
            "Breathe slowly for one minute, then lower the leg and switch sides."
        ),
        "hold_seconds": 60,
        "each_side": True,
        "repetitions": None,
        "cautions": (
            "If you have had a hip replacement, check with your surgeon or therapist about how far "
            "you may bend the hip."
        ),
        "photo_alt": (
            "Drawing of a person lying on their back, one leg long on the mat, hugging the other "
            "knee toward the chest"
        ),
        "pose": "supine-knee-hug",
    },
    {
        "slug": "supine-figure-four",
        "name": "Lying Figure-Four",
        "instructions": (
            "Lie on your back with both knees bent and your feet flat. Cross your right ankle over "
            "your left knee and let the right knee open out to the side, so your legs make the "
            "shape of the number four.\n\n"
            "For many people this is already plenty. If you would like more, lift your left foot "
            "off the floor and draw the left thigh gently toward you, holding behind it with both "
            "hands or with a strap.\n\n"
            "Keep your right foot flexed to protect the knee. Hold for one minute while breathing "
            "into the back of the right hip, then switch sides."
        ),
        "hold_seconds": 60,
        "each_side": True,
        "repetitions": None,
        "cautions": (
            "The stretch belongs in the buttock and outer hip. If you feel it in the knee instead, "
            "keep the bottom foot on the floor and do less."
        ),
        "photo_alt": (
            "Drawing of a person lying on their back with knees bent and one ankle crossed over "
            "the opposite knee"
        ),
        "pose": "supine-figure-four",
    },
    {
        "slug": "knee-drop-twist",
        "name": "Knees-to-the-Side Twist",
        "instructions": (
            "Lie on your back with your knees bent and your feet flat, a little wider than your "
            "hips. Rest your arms on the floor or your hands on your belly.\n\n"
            "As you breathe out, let both knees lower slowly to the right, only as far as your "
            "left shoulder stays heavy on the floor. Keep your head centred or turn it gently to "
            "the left.\n\n"
            "Rest there for one minute, breathing into the left side of your ribs. Use your belly "
            "to bring your knees back through the middle, then lower them to the left."
        ),
        "hold_seconds": 60,
        "each_side": True,
        "repetitions": None,
        "cautions": (
            "A pillow under the lowered knees turns this into a supported rest for stiff or "
            "sensitive backs."
        ),
        "photo_alt": (
            "Drawing of a person lying on their back on a mat with knees bent and lowered toward "
            "one side"
        ),
        "pose": "supine-twist",
    },
    {
        "slug": "strap-hamstring",
        "name": "Strap Hamstring Stretch",
        "instructions": (
            "Lie on your back with your left knee bent and your left foot flat. Loop a strap, belt "
            "or towel around the ball of your right foot and hold one end in each hand.\n\n"
            "Straighten the right leg toward the ceiling until you feel a mild stretch along the "
            "back of the thigh. The knee can stay softly bent; a perfectly straight leg is not the "
            "goal.\n\n"
            "Let your arms do the holding so the leg can relax. Breathe for one minute, then bend "
            "the knee, release the strap and switch legs."
        ),
        "hold_seconds": 60,
        "each_side": True,
        "repetitions": None,
        "cautions": (
            "If you feel tingling, burning or a pulling line down into the calf or foot, lower the "
            "leg until it eases. Nerves prefer to be coaxed rather than stretched."
        ),
        "photo_alt": (
            "Drawing of a person lying on their back holding a strap around the raised foot of one "
            "leg, the other knee bent"
        ),
        "pose": "supine-strap",
    },
    {
        "slug": "legs-up-the-wall",
        "name": "Legs Up the Wall",
        "instructions": (
            "Sit sideways with one hip against a wall. Lower yourself onto your side, then roll "
            "onto your back as you swing both legs up the wall. Scoot your hips as close to the "
            "wall as is comfortable; a few inches away is perfectly fine.\n\n"
            "Let your legs rest against the wall with the knees soft. Rest your hands on your "
            "belly or on the floor and let your breathing slow down.\n\n"
            "Stay for about three minutes, or longer if it feels good. To come out, bend your "
            "knees, roll to your side and pause there for a few breaths before you sit up."
        ),
        "hold_seconds": 180,
        "each_side": False,
        "repetitions": None,
        "cautions": (
            "Ask your provider first if you have glaucoma, high blood pressure that is not well "
            "controlled, or are later in pregnancy. Come down if your feet tingle or go numb."
        ),
        "photo_alt": (
            "Drawing of a person lying on their back on a mat with both legs resting straight up a "
            "wall"
        ),
        "pose": "legs-up-wall",
    },
    {
        "slug": "block-bridge",
        "name": "Supported Bridge on a Block",
        "instructions": (
            "Lie on your back with your knees bent and your feet flat, hip-width apart and fairly "
            "close to your buttocks. Press through your feet to lift your hips and slide a yoga "
            "block, or a firm stack of books, under the flat bony part at the back of your "
            "pelvis.\n\n"
            "Lower your weight onto the support. The block belongs under the sacrum, not the low "
            "back: you should feel your pelvis resting rather than your spine arching.\n\n"
            "Rest your arms beside you and stay for two minutes, breathing easily. To come out, "
            "lift your hips, slide the block away and lower down slowly."
        ),
        "hold_seconds": 120,
        "each_side": False,
        "repetitions": None,
        "cautions": (
            "Start with the block at its lowest height. If your low back pinches, lower the "
            "support or skip this one."
        ),
        "photo_alt": (
            "Drawing of a person lying on their back with knees bent and the hips resting on a "
            "block"
        ),
        "pose": "supported-bridge",
    },
    {
        "slug": "cat-cow",
        "name": "Cat and Cow",
        "instructions": (
            "Come onto your hands and knees with your hands under your shoulders and your knees "
            "under your hips. Spread your fingers and let your neck be long.\n\n"
            "As you breathe out, curl your tailbone under, round your back toward the ceiling and "
            "let your head hang. As you breathe in, slowly reverse: tip your tailbone up, let your "
            "belly soften toward the floor and lift your gaze a little.\n\n"
            "Move at the pace of your breath and pause briefly at each end. Imagine a slow wave "
            "travelling along your spine, one vertebra at a time."
        ),
        "hold_seconds": 5,
        "each_side": False,
        "repetitions": 8,
        "cautions": (
            "Pad your knees with a folded blanket. If your wrists complain, come onto your fists "
            "or forearms."
        ),
        "photo_alt": (
            "Drawing of a person on hands and knees on a mat with a flat back, like a tabletop"
        ),
        "pose": "quadruped",
    },
    {
        "slug": "tabletop-rock-back",
        "name": "Tabletop Rock-Back",
        "instructions": (
            "Start on your hands and knees, hands under your shoulders and knees under your hips, "
            "with your back in a comfortable, neutral position.\n\n"
            "Keeping your hands where they are, slowly shift your hips back toward your heels, "
            "only as far as your back stays long and your tailbone does not tuck under. Then glide "
            "forward again to the start.\n\n"
            "Move slowly and let each rock be a little easier than the last. This is a gentle way "
            "to wake up the hips before longer holds."
        ),
        "hold_seconds": 3,
        "each_side": False,
        "repetitions": 10,
        "cautions": "Pad your knees. Stop short of any pinching at the front of the hips.",
        "photo_alt": (
            "Drawing of a person on hands and knees on a mat with a flat back, like a tabletop"
        ),
        "pose": "quadruped",
    },
    {
        "slug": "wide-knee-childs-pose",
        "name": "Wide-Knee Child's Pose",
        "instructions": (
            "Kneel on a mat with your big toes touching and your knees spread comfortably apart. "
            "Sit your hips back toward your heels.\n\n"
            "Walk your hands forward and lower your chest between your knees. Rest your forehead "
            "on the mat, on a folded blanket or on stacked fists. Let your arms stay long or rest "
            "them alongside your legs.\n\n"
            "Breathe into the back of your ribs and feel them widen with each breath in. Stay for "
            "about a minute and a half."
        ),
        "hold_seconds": 90,
        "each_side": False,
        "repetitions": None,
        "cautions": (
            "If your knees or ankles are stiff, place a pillow between your hips and heels or a "
            "rolled towel under your ankles."
        ),
        "photo_alt": (
            "Drawing of a person kneeling on a mat, sitting back toward the heels with the chest "
            "folded forward and the arms reaching ahead"
        ),
        "pose": "childs-pose",
    },
    {
        "slug": "half-kneeling-hip-flexor",
        "name": "Half-Kneeling Hip Flexor Stretch",
        "instructions": (
            "Kneel on your right knee with a folded blanket under it and your left foot flat on "
            "the floor in front of you, so both knees make roughly right angles.\n\n"
            "Gently tuck your tailbone, as if you were zipping up snug jeans, until you feel a "
            "stretch at the front of the right hip. You may not need to move forward at all. If "
            "you would like more, reach your right arm up toward the ceiling.\n\n"
            "Keep your ribs stacked over your pelvis rather than leaning back. Hold for one "
            "minute, then switch sides."
        ),
        "hold_seconds": 60,
        "each_side": True,
        "repetitions": None,
        "cautions": (
            "Keep a chair or wall nearby for balance. If kneeling bothers your knee, do this "
            "standing in a split stance instead."
        ),
        "photo_alt": (
            "Drawing of a person kneeling on one knee with the other foot forward, one hand on the "
            "front knee and the other arm reaching overhead"
        ),
        "pose": "half-kneeling",
    },
    {
        "slug": "wall-angels",
        "name": "Wall Angels",
        "instructions": (
            "Stand with your back against a wall and your feet a few inches in front of it, knees "
            "soft. Let your head, upper back and pelvis rest against the wall as much as they "
            "comfortably can.\n\n"
            "Bring your arms into a goalpost shape, elbows bent and the backs of your hands toward "
            "the wall. Slowly slide your arms up as far as you can while keeping your ribs soft "
            "and your low back from arching away.\n\n"
            "Pause at the top for a breath, then slide back down. Your hands may not touch the "
            "wall, and that is fine."
        ),
        "hold_seconds": 5,
        "each_side": False,
        "repetitions": 8,
        "cautions": (
            "Move within a comfortable range. Shoulders that click or pinch usually prefer a "
            "smaller movement."
        ),
        "photo_alt": (
            "Drawing of a person standing with their back against a wall, arms raised in a "
            "goalpost shape"
        ),
        "pose": "wall-angel",
    },
    {
        "slug": "side-lying-open-book",
        "name": "Side-Lying Open Book",
        "instructions": (
            "Lie on your left side with a pillow or folded blanket under your head. Bend both hips "
            "and knees to about a right angle and stack your knees. Stretch both arms forward "
            "along the floor at shoulder height, palms together.\n\n"
            "Keeping your knees together, slowly lift your top arm and open it across to the other "
            "side, letting your chest and head turn to follow your hand. Go only as far as is "
            "easy; your top hand does not need to reach the floor.\n\n"
            "Rest open for a minute with the breath moving into your chest, then bring the arm "
            "back and turn over to do the other side."
        ),
        "hold_seconds": 60,
        "each_side": True,
        "repetitions": None,
        "cautions": (
            "If your shoulder pinches, bend the elbow and let the hand rest on your ribs as you "
            "turn."
        ),
        "photo_alt": (
            "Overhead drawing of a person lying on one side on a mat, head on a folded blanket, "
            "knees bent forward, one arm reaching forward and the other opened back"
        ),
        "pose": "side-lying-open-book",
    },
    {
        "slug": "sphinx",
        "name": "Sphinx Rest",
        "instructions": (
            "Lie on your belly and come up onto your forearms, elbows under or a little in front "
            "of your shoulders and forearms parallel. Let your legs relax with the tops of your "
            "feet on the floor.\n\n"
            "Let your belly and hips stay heavy. Gently draw your shoulders away from your ears "
            "and let your breastbone float forward rather than cranking your head up.\n\n"
            "Rest here and breathe for about a minute and a half. If it feels like too much, slide "
            "your elbows further forward to make the angle gentler."
        ),
        "hold_seconds": 90,
        "each_side": False,
        "repetitions": None,
        "cautions": (
            "This should feel like a pleasant, easy backbend. If you feel pinching in your low "
            "back or pain travelling into a leg, lower down and rest flat on your belly instead."
        ),
        "photo_alt": (
            "Drawing of a person lying on their belly, propped up on the forearms with the legs "
            "long"
        ),
        "pose": "sphinx",
    },
    {
        "slug": "chair-figure-four",
        "name": "Chair Figure-Four",
        "instructions": (
            "Sit toward the front of a sturdy chair with both feet flat. Cross your right ankle "
            "over your left knee and let the right knee drop open.\n\n"
            "Sit tall, then hinge forward slightly from your hips with a long back until you feel "
            "a stretch in the back of the right hip. Rest your hands on your shin and knee.\n\n"
            "Hold for one minute, breathing slowly, then switch sides. This one works well at the "
            "office and at the airport gate."
        ),
        "hold_seconds": 60,
        "each_side": True,
        "repetitions": None,
        "cautions": (
            "Keep the crossed foot flexed. If the knee complains, rest the ankle lower on the shin "
            "or skip the forward lean."
        ),
        "photo_alt": (
            "Drawing of a person sitting tall on a wooden chair with one ankle crossed over the "
            "opposite knee"
        ),
        "pose": "chair-figure-four",
    },
    {
        "slug": "seated-chair-twist",
        "name": "Seated Chair Twist",
        "instructions": (
            "Sit near the front of a chair with both feet flat and your knees over your ankles. "
            "Let your hands rest on your thighs and grow tall through the crown of your head.\n\n"
            "As you breathe out, turn your belly, then your ribs, then your shoulders to the "
            "right. Place your left hand on the outside of your right knee and your right hand on "
            "the seat behind you or on the backrest.\n\n"
            "Use your hands lightly rather than to crank yourself around. Stay for half a minute, "
            "breathing into your side ribs, then return to centre and turn to the left."
        ),
        "hold_seconds": 30,
        "each_side": True,
        "repetitions": None,
        "cautions": (
            "Let the turn come from the middle of your back rather than your neck. If you have "
            "osteoporosis, keep twists gentle and ask your therapist which ones suit you."
        ),
        "photo_alt": (
            "Drawing of a person sitting tall on a wooden chair with hands resting on the thighs"
        ),
        "pose": "chair-sitting",
    },
    {
        "slug": "seated-pelvic-rocks",
        "name": "Seated Pelvic Rocks",
        "instructions": (
            "Sit toward the front of a chair with your feet flat and your hands on your thighs. "
            "Feel the two sitting bones underneath you.\n\n"
            "Roll slowly back behind your sitting bones, letting your low back round. Then roll "
            "forward over them so your low back gently arches and your chest lifts. Find the "
            "balanced place in between, where sitting tall takes very little effort.\n\n"
            "Rock slowly back and forth, pausing for a moment at each end, then settle in the "
            "middle."
        ),
        "hold_seconds": 3,
        "each_side": False,
        "repetitions": 10,
        "cautions": "",
        "photo_alt": (
            "Drawing of a person sitting tall on a wooden chair with hands resting on the thighs"
        ),
        "pose": "chair-sitting",
    },
    {
        "slug": "wall-hinge",
        "name": "Hands-on-the-Wall Hinge",
        "instructions": (
            "Stand facing a wall and place your hands on it at about shoulder height. Walk your "
            "feet back and hinge from your hips until your arms and back form a long line and your "
            "hips are over your heels.\n\n"
            "Let your head rest between your arms and keep your knees soft. You should feel a "
            "broad stretch through your shoulders, along your sides and into the backs of your "
            "legs.\n\n"
            "Breathe here for a minute. To come out, walk your feet toward the wall and roll up "
            "slowly."
        ),
        "hold_seconds": 60,
        "each_side": False,
        "repetitions": None,
        "cautions": (
            "Bend your knees more if you feel a strong pull behind them. Come up slowly if you "
            "tend to feel light-headed."
        ),
        "photo_alt": (
            "Drawing of a person hinged forward at the hips with a flat back, arms straight and "
            "hands against a wall"
        ),
        "pose": "wall-hinge",
    },
]

POSTS = [
    {
        "slug": "welcome-why-we-start-on-the-floor",
        "title": "Welcome: Why We Start on the Floor",
        "published": "2012-01-10 07:30",
        "categories": ["feel-good-series", "spine"],
        "summary": (
            "A first note from the ALIGN studio in Salt Lake City, and why so many of our sessions "
            "begin with lying down and doing very little."
        ),
        "body": (
            "Welcome to the ALIGN blog. I have wanted a place to share the small, practical things "
            "we talk about in the clinic, so that you have something to come back to between "
            "visits.\n\n"
            "If you have worked with me, you already know that we often begin on the floor. People "
            "are sometimes surprised by this. They came in with a stiff back or a cranky hip and "
            "expected a list of hard exercises. Instead I ask them to lie down, bend their knees "
            "and breathe.\n\n"
            "## Why the floor?\n\n"
            "The floor is honest. When you lie on it, you can feel where your body is holding on: "
            "the shoulder that does not quite settle, the side of the pelvis that feels heavier, "
            "the low back that hovers. Standing up, gravity and habit hide those details. Lying "
            "down, they become easy to notice, and noticing is where change starts.\n\n"
            "The floor is also supportive. Muscles that work all day to keep you upright finally "
            "get a chance to stop. For many people, that alone eases a surprising amount of "
            "tension.\n\n"
            "## What to expect here\n\n"
            "Each post will include a short sequence of restorative exercises with a picture, "
            "simple instructions and a suggested hold, usually about one minute on each side. "
            "Please treat them as invitations rather than rules. Move slowly, stay within what "
            "feels comfortable, and skip anything that causes sharp pain, numbness or tingling.\n\n"
            "These posts are not a substitute for an assessment. If something hurts, or keeps "
            "coming back, come and see us or check in with your own provider.\n\n"
            "To start, try the constructive rest below for five minutes tonight. That is all. See "
            "you on the floor."
        ),
        "lead_alt": (
            "Abstract drawing of layered mountain ridges fading into a hazy sky with a pale sun"
        ),
        "steps": [
            {
                "exercise": "constructive-rest",
                "hold_seconds": None,
                "each_side": None,
                "note": "Five minutes, tonight, before bed.",
            },
        ],
    },
    {
        "slug": "constructive-rest-the-art-of-doing-less",
        "title": "Constructive Rest, or the Art of Doing Less",
        "published": "2012-01-26 18:15",
        "categories": ["spine", "feel-good-series"],
        "summary": (
            "Five minutes on your back with your knees bent may be the most useful thing you do "
            "for your spine all day. Here is how to make the most of it."
        ),
        "body": (
            "Last week I suggested five minutes of constructive rest. A few of you wrote back to "
            "ask whether it is really an exercise, since nothing seems to happen. It is a fair "
            "question.\n\n"
            "Constructive rest is about what you stop doing. When you lie on your back with your "
            "knees bent and your feet on the floor, the big muscles along your spine and around "
            "your hips no longer have to hold you up. Many of them keep working anyway, out of "
            "habit. A few quiet minutes let you feel that habit, and often let it soften.\n\n"
            "## Setting up\n\n"
            "- Choose a firm surface: a carpeted floor or a mat rather than a soft bed.\n"
            "- Place your feet about hip-width apart and far enough from your hips that your knees "
            "balance easily.\n"
            "- Add a folded towel under your head if your chin pokes up.\n"
            "- Set a timer so you are not checking the clock.\n\n"
            "## While you rest\n\n"
            "Let your breath be slow and unforced. Notice the places where you touch the floor: "
            "the back of the head, the shoulder blades, the back of the pelvis, the soles of the "
            "feet. Each time you breathe out, imagine those places spreading a little wider.\n\n"
            "When you feel settled, add a few slow pelvic rocks. Keep them small. They are a way "
            "of reminding your low back that it can move without effort.\n\n"
            "Most people find the quiet strange at first. Give it a week of evenings before you "
            "decide how you feel about it."
        ),
        "lead_alt": (
            "Calm illustration of overlapping mountain silhouettes under a soft gradient sky"
        ),
        "steps": [
            {"exercise": "constructive-rest", "hold_seconds": None, "each_side": None, "note": ""},
            {
                "exercise": "pelvic-rocks",
                "hold_seconds": None,
                "each_side": None,
                "note": "Keep the rocking small and slow.",
            },
        ],
    },
    {
        "slug": "after-the-trail-hips-that-hiked-the-wasatch",
        "title": "After the Trail: Care for Hips That Hiked the Wasatch",
        "published": "2012-06-12 19:00",
        "categories": ["hips"],
        "summary": (
            "Long descents and rocky switchbacks ask a lot of your hips. Four gentle positions to "
            "help them settle after a day on the trail."
        ),
        "body": (
            "June in Salt Lake means the high trails are finally opening up, and I am seeing a "
            "familiar pattern in the clinic: people who spent Saturday climbing toward a ridge and "
            "Sunday feeling as if their hips had been swapped for rusty hinges.\n\n"
            "Hiking uses the hips in a particular way. Climbing asks the glutes and hip flexors to "
            "work hard through a big range. Descending asks the muscles around the hip to control "
            "every step, often on uneven ground with a pack pulling you backward. By the time you "
            "reach the trailhead, many of those muscles are tired and a little guarded.\n\n"
            "## After you get home\n\n"
            "Have a drink of water, eat something, and take a warm shower if you like. Then find "
            "ten minutes on the floor for the sequence below. You are not trying to stretch hard. "
            "Tired muscles respond better to long, easy holds than to pulling.\n\n"
            "1. Start with the figure-four, which reaches the back of the hip that worked so hard "
            "on the climb.\n"
            "2. Hug each knee in to let the hip rest in a folded position.\n"
            "3. Kneel for the hip flexor stretch, which helps after hours of stepping up.\n"
            "4. Finish with the strap hamstring stretch, keeping the knee soft.\n\n"
            "## A word on soreness\n\n"
            "Some muscle soreness a day or two after a big hike is normal. Pain in the joint "
            "itself, swelling, or pain that gets worse over several days is different, and worth "
            "having someone look at.\n\n"
            "See you on the trail, probably somewhere near the top of Mill Creek."
        ),
        "lead_alt": "Simple landscape of distant ridges fading into haze beneath a low, pale sun",
        "steps": [
            {"exercise": "supine-figure-four", "hold_seconds": None, "each_side": None, "note": ""},
            {"exercise": "single-knee-hug", "hold_seconds": None, "each_side": None, "note": ""},
            {
                "exercise": "half-kneeling-hip-flexor",
                "hold_seconds": None,
                "each_side": None,
                "note": (
                    "Put a folded jacket under the back knee if you are still at the trailhead."
                ),
            },
            {"exercise": "strap-hamstring", "hold_seconds": None, "each_side": None, "note": ""},
        ],
    },
    {
        "slug": "ski-legs-a-gentle-hip-reset",
        "title": "Ski Legs: A Gentle Hip Reset for the Day After",
        "published": "2013-02-05 07:15",
        "categories": ["hips", "feel-good-series"],
        "summary": (
            "A powder day leaves a memorable feeling in the thighs and hips. This short floor "
            "sequence helps them unwind."
        ),
        "body": (
            "We had a proper storm last week, and judging by the number of people walking "
            "carefully into the clinic on Monday, a good part of Salt Lake spent the weekend up "
            "the canyons.\n\n"
            "Skiing keeps the hips and knees bent for hours while the thighs absorb bumps and "
            "turns. The fronts and outsides of the hips carry much of the load. The day after, "
            "many people feel tight across the front of the thighs and deep in the buttocks, and "
            "the low back sometimes joins in.\n\n"
            "## The day-after routine\n\n"
            "This sequence is deliberately lazy. Start with legs up the wall, which feels "
            "wonderful after a day in ski boots. Move on to the figure-four and the "
            "knees-to-the-side twist, and end in child's pose with your knees wide.\n\n"
            "Take your time getting down to the floor and back up again. Tired legs are clumsier "
            "than we expect.\n\n"
            "## A few ski-season habits\n\n"
            "- Warm up on an easy run before heading for steeper terrain.\n"
            "- Stop for lunch, and stand and walk around rather than sitting in your boots the "
            "whole time.\n"
            "- Take your last run before you are exhausted. Many of the knee injuries we see "
            "happen late in the day.\n\n"
            "If a fall leaves you with a knee that swells, gives way or will not straighten, skip "
            "the stretching and get it checked."
        ),
        "lead_alt": "Layered mountain silhouettes in muted tones beneath a quiet, hazy sky",
        "steps": [
            {
                "exercise": "legs-up-the-wall",
                "hold_seconds": None,
                "each_side": None,
                "note": "Boots off first, of course.",
            },
            {"exercise": "supine-figure-four", "hold_seconds": None, "each_side": None, "note": ""},
            {"exercise": "knee-drop-twist", "hold_seconds": None, "each_side": None, "note": ""},
            {
                "exercise": "wide-knee-childs-pose",
                "hold_seconds": None,
                "each_side": None,
                "note": "",
            },
        ],
    },
    {
        "slug": "sitting-is-not-the-enemy",
        "title": "Sitting Is Not the Enemy",
        "published": "2013-02-21 12:10",
        "categories": ["desk-and-travel", "spine"],
        "summary": (
            "You do not have to fear your chair. What helps most is changing position often, plus "
            "a few easy movements you can do without getting up."
        ),
        "body": (
            "A headline making the rounds this winter declared that sitting is as bad for you as "
            "smoking. Several of my patients now feel guilty every time they sit down, which is "
            "not very helpful when your job happens at a desk.\n\n"
            "Here is a gentler way of thinking about it. Our bodies like variety. No single "
            "posture, sitting, standing or otherwise, is a problem for a short while. What tends "
            "to cause aches is staying in any one position for hours without a break.\n\n"
            "## Small changes that add up\n\n"
            "- Stand up every thirty to forty-five minutes, even for a moment. Refill your water, "
            "walk to the printer, look out of the window.\n"
            "- Let your position change while you sit. Lean back, lean forward, cross your legs "
            "and uncross them.\n"
            "- Keep your screen at a height where you can see it without craning your neck "
            "forward.\n\n"
            "## Three chair exercises\n\n"
            "The sequence below can be done in work clothes at your desk. Start with seated pelvic "
            "rocks to find an easy upright position. Then add a gentle twist to each side and the "
            "chair figure-four for the back of the hips.\n\n"
            "None of these needs to be held hard. Think of them as a way of reminding your body "
            "that it has options.\n\n"
            "If sitting reliably brings on pain that travels into your leg, or numbness, mention "
            "it to your provider. That deserves a proper look rather than a stretch."
        ),
        "lead_alt": (
            "Abstract drawing of soft mountain ridges layered into the distance under a gentle sky"
        ),
        "steps": [
            {
                "exercise": "seated-pelvic-rocks",
                "hold_seconds": None,
                "each_side": None,
                "note": "",
            },
            {"exercise": "seated-chair-twist", "hold_seconds": None, "each_side": None, "note": ""},
            {"exercise": "chair-figure-four", "hold_seconds": None, "each_side": None, "note": ""},
        ],
    },
    {
        "slug": "the-rest-stop-routine-for-long-drives",
        "title": "The Rest-Stop Routine for Long Drives",
        "published": "2014-09-16 08:00",
        "categories": ["desk-and-travel", "hips"],
        "summary": (
            "Heading to Moab or Yellowstone? Five minutes at a rest stop can make the second half "
            "of the drive far more comfortable."
        ),
        "body": (
            "Utah is a driving state. Whether it is the trip down to the red rock country, up to "
            "Yellowstone or out across the salt flats, many of us spend hours at a time in the "
            "car, and our hips and backs notice.\n\n"
            "A car seat folds the hips, tips the pelvis back and keeps the legs still. Add a "
            "little road vibration and some snacks and it is no surprise that people climb out "
            "stiff.\n\n"
            "## Stop more often than you think you need to\n\n"
            "I suggest a short break every hour and a half to two hours. It is good for alertness "
            "as well as for your back. Walk for a few minutes first to get the blood moving, then "
            "try the routine below.\n\n"
            "## The routine\n\n"
            "Find a wall, a sturdy picnic table or the side of the building. Start with the "
            "hands-on-the-wall hinge to lengthen your back and the backs of your legs. Then sit on "
            "a bench for a few seated pelvic rocks and the chair figure-four.\n\n"
            "It takes about five minutes, and you can do all of it in hiking clothes. Some people "
            "feel self-conscious stretching at a rest area. I promise nobody is watching you as "
            "closely as you think, and you may inspire someone else.\n\n"
            "## In the car\n\n"
            "A small rolled towel behind your low back can make a long drive more comfortable. "
            "Adjust your seat so your knees are not higher than your hips, and shift your position "
            "now and then."
        ),
        "lead_alt": "Calm illustration of long, low ridges layered under a wide, pale sky",
        "steps": [
            {
                "exercise": "wall-hinge",
                "hold_seconds": 30,
                "each_side": None,
                "note": "Any wall or sturdy railing will do.",
            },
            {
                "exercise": "seated-pelvic-rocks",
                "hold_seconds": None,
                "each_side": None,
                "note": "A picnic bench works well.",
            },
            {"exercise": "chair-figure-four", "hold_seconds": None, "each_side": None, "note": ""},
        ],
    },
    {
        "slug": "breathing-into-your-back-ribs",
        "title": "Breathing Into Your Back Ribs",
        "published": "2015-03-10 20:00",
        "categories": ["spine"],
        "summary": (
            "Most of us breathe into the front of the chest. Learning to let the back of the ribs "
            "move can make the whole spine feel roomier."
        ),
        "body": (
            "Put your hands on your lower ribs at the sides and take a slow breath. Did your ribs "
            "widen into your hands? Now slide your hands as far around toward your back as you can "
            "and try again. For many people, the back of the rib cage barely moves.\n\n"
            "The ribs attach to the middle of the spine at many small joints. When the ribs move "
            "freely, those joints move a little with every breath, thousands of times a day. When "
            "we hold the ribs still, out of stress or habit or long hours hunched over a screen, "
            "the upper back tends to feel stiff and heavy.\n\n"
            "## Finding the back of your breath\n\n"
            "Child's pose is one of the easiest places to feel this. With your chest resting "
            "toward your thighs, the front of the ribs is a little compressed, so the breath "
            "naturally travels toward the back. Ask a friend to rest their hands on your back "
            "ribs, or simply imagine it.\n\n"
            "Then roll onto your back for constructive rest and notice your back ribs pressing "
            "gently into the floor as you breathe in. Finish in sphinx, where the breath has to "
            "find room in a gentle backbend.\n\n"
            "## Keep it easy\n\n"
            "Do not force big breaths. Breathe in through your nose, let the breath out slowly, "
            "and let each breath be a little quieter than the last. If you feel dizzy, return to "
            "your normal breathing.\n\n"
            "This is one of my favourite things to do at the end of a long day in March, when the "
            "weather cannot decide whether it is winter or spring."
        ),
        "lead_alt": "Abstract drawing of misty mountain layers under a softly graded evening sky",
        "steps": [
            {
                "exercise": "wide-knee-childs-pose",
                "hold_seconds": None,
                "each_side": None,
                "note": "Let the breath widen your back ribs.",
            },
            {
                "exercise": "constructive-rest",
                "hold_seconds": 180,
                "each_side": None,
                "note": "Feel the back ribs press gently into the floor.",
            },
            {"exercise": "sphinx", "hold_seconds": None, "each_side": None, "note": ""},
        ],
    },
    {
        "slug": "wall-angels-without-the-struggle",
        "title": "Wall Angels Without the Struggle",
        "published": "2015-10-20 12:30",
        "categories": ["spine", "desk-and-travel"],
        "summary": (
            "Wall angels have a reputation for being frustrating. A few changes make them kinder "
            "and more useful for a stiff upper back."
        ),
        "body": (
            "Wall angels are a staple of many exercise programs for the upper back and shoulders. "
            "They are also a little notorious. People press their backs into the wall, force their "
            "arms up and end up with sore necks and a sense of failure.\n\n"
            "The goal is not to keep every part of you glued to the wall. The wall is there to "
            "give you feedback, so you can notice when your ribs flare or your low back arches to "
            "make up for a stiff upper back.\n\n"
            "## Making them kinder\n\n"
            "- Stand with your feet a few inches away from the wall and your knees soft.\n"
            "- Let your head rest back only if it reaches easily. A small folded towel behind the "
            "head is fine.\n"
            "- Keep your arms lower than you think. A small range done well is more useful than a "
            "big range done with strain.\n"
            "- Breathe out as your arms slide up.\n\n"
            "## Pairing them\n\n"
            "I like to follow wall angels with the side-lying open book. The open book lets the "
            "upper back rotate while the floor supports you, and many people find their wall "
            "angels feel easier afterwards. Try a round of angels, then a minute of open book on "
            "each side, and notice whether your next round of angels feels any different.\n\n"
            "If raising your arms causes pain in the shoulder, or pain or tingling into the arm or "
            "hand, stop and have it checked before continuing."
        ),
        "lead_alt": "Simple landscape of ridges fading toward a pale horizon",
        "steps": [
            {
                "exercise": "wall-angels",
                "hold_seconds": None,
                "each_side": None,
                "note": "Keep the arms lower than you think.",
            },
            {
                "exercise": "side-lying-open-book",
                "hold_seconds": None,
                "each_side": None,
                "note": "Then try the wall angels again and compare.",
            },
        ],
    },
    {
        "slug": "ten-minute-hip-and-spine-reset",
        "title": "The Ten-Minute Hip and Spine Reset",
        "published": "2016-05-10 07:00",
        "categories": ["feel-good-series", "hips", "spine"],
        "summary": (
            "Our most requested sequence: ten gentle positions, mostly on the floor, to unwind the "
            "hips and spine at the start or end of the day."
        ),
        "body": (
            "This is the sequence I find myself teaching more than any other. It began as a "
            "handout for patients who wanted something simple to do at home, and over the years it "
            "has been trimmed and rearranged until every piece earns its place.\n\n"
            "It moves from lying on your back, to your hands and knees, to kneeling and finally to "
            "standing. Each step prepares you for the next, and by the end your hips and spine "
            "have moved in every direction without anything being forced.\n\n"
            "## What you need\n\n"
            "- A mat or a carpeted floor\n"
            "- A stretch of bare wall\n"
            "- A folded blanket for your knees and perhaps a towel for your head\n"
            "- About ten minutes, twelve if you linger\n\n"
            "## How to do it\n\n"
            "Follow the steps in order. Most holds are about one minute, or one minute on each "
            "side. The timing is a guide: if a position feels good, stay longer, and if it does "
            "not, move on.\n\n"
            "Breathe slowly through your nose throughout. When you change position, do it without "
            "hurrying. The transitions are part of the practice, and rushing them is where people "
            "tend to tweak things.\n\n"
            "## When to do it\n\n"
            "In the morning it takes the edge off the first stiff hour of the day. In the evening "
            "it helps the day's tension drain away before bed. Several of my patients do it after "
            "skiing or a long hike, and one keeps a mat in her office for a lunchtime version.\n\n"
            "## A few cautions\n\n"
            "These positions are gentle, but every body is different. Skip any step that causes "
            "sharp pain, numbness or tingling. If you are recovering from an injury or surgery, "
            "are pregnant, or have osteoporosis, check with your physical therapist about which "
            "steps suit you.\n\n"
            "Try it for a week and let me know how it feels."
        ),
        "lead_alt": (
            "Abstract drawing of layered mountain ridges under a calm morning sky with a pale sun"
        ),
        "steps": [
            {
                "exercise": "constructive-rest",
                "hold_seconds": 60,
                "each_side": None,
                "note": "Let the floor take your weight before you start moving.",
            },
            {"exercise": "pelvic-rocks", "hold_seconds": None, "each_side": None, "note": ""},
            {"exercise": "single-knee-hug", "hold_seconds": 30, "each_side": None, "note": ""},
            {"exercise": "supine-figure-four", "hold_seconds": None, "each_side": None, "note": ""},
            {"exercise": "knee-drop-twist", "hold_seconds": 30, "each_side": None, "note": ""},
            {"exercise": "sphinx", "hold_seconds": 60, "each_side": None, "note": ""},
            {"exercise": "cat-cow", "hold_seconds": None, "each_side": None, "note": ""},
            {
                "exercise": "wide-knee-childs-pose",
                "hold_seconds": 60,
                "each_side": None,
                "note": "",
            },
            {
                "exercise": "half-kneeling-hip-flexor",
                "hold_seconds": None,
                "each_side": None,
                "note": "Slide the folded blanket under the back knee.",
            },
            {
                "exercise": "wall-angels",
                "hold_seconds": None,
                "each_side": None,
                "note": "Finish standing tall and take three slow breaths.",
            },
        ],
    },
    {
        "slug": "your-questions-about-the-reset",
        "title": "Your Questions About the Ten-Minute Reset",
        "published": "2016-05-26 17:45",
        "categories": ["feel-good-series"],
        "summary": (
            "Answers to the questions that came in after the hip and spine reset: timing, order, "
            "and what to do if one step does not agree with you."
        ),
        "body": (
            "Thank you for all the notes about the Ten-Minute Hip and Spine Reset. Here are "
            "answers to the questions that came up most often.\n\n"
            "## Do I have to do all ten steps?\n\n"
            "No. The full sequence flows nicely, but three or four steps done with attention are "
            "worth more than ten done in a hurry. If you are short on time, try constructive rest, "
            "the figure-four, child's pose and the hip flexor stretch.\n\n"
            "## Can I change the order?\n\n"
            "You can, but the order is there for a reason. It begins with the most supported "
            "positions and gradually asks a little more of you. If you rearrange it, keep the "
            "lying-down steps near the start.\n\n"
            "## One step hurts. What should I do?\n\n"
            "Leave it out. A stretch should feel like a mild, pleasant pull, never like sharp "
            "pain, pinching, numbness or tingling. Sometimes a smaller version works: keep the "
            "bottom foot down in the figure-four, or put a pillow between your hips and heels in "
            "child's pose. If something hurts every time, it is worth having a physical therapist "
            "take a look.\n\n"
            "## Morning or evening?\n\n"
            "Whichever you will actually do. Many people prefer the evening, which also happens to "
            "be when the floor looks most inviting.\n\n"
            "## How soon will I notice a difference?\n\n"
            "Most people feel looser right after the first round. Lasting changes usually come "
            "from doing it regularly, a few times a week for several weeks. There is no need to do "
            "it every day unless you enjoy it."
        ),
        "lead_alt": "Calm illustration of rolling mountain layers beneath a softly coloured sky",
        "steps": [],
    },
    {
        "slug": "sphinx-and-why-we-do-not-force-backbends",
        "title": "Sphinx, and Why We Do Not Force Backbends",
        "published": "2017-10-03 19:30",
        "categories": ["spine"],
        "summary": (
            "Gentle extension can feel wonderful for a back that spends all day bent forward. The "
            "key is letting it happen rather than pushing for it."
        ),
        "body": (
            "Most of our day is spent bending forward: sitting, driving, cooking, looking at our "
            "phones. It makes sense that many backs enjoy a little time bending the other way. "
            "Sphinx is one of the kindest ways to offer that.\n\n"
            "## Less is more\n\n"
            "The mistake I see most often is pushing. People come up onto their hands instead of "
            "their forearms, lift their heads to look at the ceiling and squeeze their buttocks "
            "hard. The low back takes the strain, and the pleasant feeling is lost.\n\n"
            "In sphinx, let the floor do the work. Your forearms hold you up, your belly and hips "
            "stay heavy, and your breastbone drifts forward instead of up. The gentle curve "
            "spreads through the whole spine rather than piling up in one spot.\n\n"
            "## A short sequence\n\n"
            "Start on your hands and knees with cat and cow, letting the spine move both ways. "
            "Then rest in sphinx for a minute or two. Finish in wide-knee child's pose, which "
            "rounds the back again and feels like a sigh after the backbend.\n\n"
            "## When to skip it\n\n"
            "Some backs do not enjoy extension. If sphinx gives you pain in your buttock or leg, "
            "or a pinching feeling in your low back, come down and try lying flat on your belly "
            "instead. If that bothers you too, skip it for now and ask your therapist for an "
            "alternative.\n\n"
            "Autumn in the Wasatch is a good reminder that things can change slowly and "
            "beautifully. Backs are like that too."
        ),
        "lead_alt": "Abstract drawing of mountain ridges layered beneath a hazy sky",
        "steps": [
            {"exercise": "cat-cow", "hold_seconds": None, "each_side": None, "note": ""},
            {
                "exercise": "sphinx",
                "hold_seconds": 120,
                "each_side": None,
                "note": "Slide the elbows forward if the curve feels like too much.",
            },
            {
                "exercise": "wide-knee-childs-pose",
                "hold_seconds": None,
                "each_side": None,
                "note": "",
            },
        ],
    },
    {
        "slug": "figure-four-three-ways",
        "title": "Figure-Four, Three Ways",
        "published": "2018-07-17 07:45",
        "categories": ["hips"],
        "summary": (
            "One of the most useful hip stretches, adapted for the floor, a chair and the kitchen "
            "counter, so you can use it wherever you are."
        ),
        "body": (
            "If I had to choose a single stretch for the hips, it would probably be the "
            "figure-four. It reaches the deep muscles at the back of the hip that work hard when "
            "we walk, hike, run and stand on one leg, and that often feel tight after long periods "
            "of sitting.\n\n"
            "The shape is always the same: one ankle crosses over the opposite thigh just above "
            "the knee, and the crossed knee opens out to the side. What changes is how you support "
            "yourself.\n\n"
            "## On the floor\n\n"
            "Lying on your back is the most restful version, because the floor supports your "
            "spine. Keep the bottom foot on the floor for a gentle stretch, or lift it and hug the "
            "thigh for more.\n\n"
            "## In a chair\n\n"
            "Sitting works well at work or while travelling. Sit tall, cross the ankle over the "
            "knee, and lean forward slowly from the hips with a long back. You will feel it sooner "
            "than you expect.\n\n"
            "## At the counter\n\n"
            "Standing is the most demanding version, because you balance on one leg. Hold the "
            "kitchen counter with both hands, cross one ankle over the other knee and sit back a "
            "little, as if toward a chair. Only try this one if your balance is steady and your "
            "knees are happy.\n\n"
            "## Whichever you choose\n\n"
            "Keep the crossed foot flexed, which helps protect the knee. The stretch belongs in "
            "the buttock and outer hip. If you feel it in the knee, ease off or choose the lying "
            "version."
        ),
        "lead_alt": "Simple landscape of layered ridges under a clear, pale sky",
        "steps": [
            {"exercise": "supine-figure-four", "hold_seconds": None, "each_side": None, "note": ""},
            {"exercise": "chair-figure-four", "hold_seconds": None, "each_side": None, "note": ""},
        ],
    },
    {
        "slug": "holiday-travel-kind-hips-in-a-cramped-seat",
        "title": "Holiday Travel: Kind Hips in a Cramped Seat",
        "published": "2019-12-03 06:30",
        "categories": ["desk-and-travel", "hips"],
        "summary": (
            "Long flights and holiday drives are hard on the hips and back. A few small habits "
            "help you arrive feeling more like yourself."
        ),
        "body": (
            "December is travel season. Between flights to see family and drives across the state, "
            "many of us will spend long hours folded into seats that were not designed with our "
            "hips in mind.\n\n"
            "## Before you go\n\n"
            "Give yourself a few minutes on the floor the evening before you travel. Constructive "
            "rest and a figure-four stretch help you start the trip without extra tension. Pack a "
            "small cushion or a rolled scarf if a little low back support helps you.\n\n"
            "## In the seat\n\n"
            "- Sit all the way back so the seat supports you, with the cushion behind your low "
            "back if you brought one.\n"
            "- Every half hour or so, do a few seated pelvic rocks. They are small enough that "
            "nobody will notice.\n"
            "- A chair figure-four is possible in most seats if you have a little room. Keep it "
            "gentle.\n"
            "- Drink water. It helps you feel better, and it makes sure you get up to walk now and "
            "then.\n\n"
            "## At the other end\n\n"
            "Airports are full of walls. While you wait at the baggage carousel, try the "
            "hands-on-the-wall hinge to lengthen your back and hamstrings after hours of "
            "sitting.\n\n"
            "If you have been told you are at higher risk of blood clots, follow your doctor's "
            "advice about moving around and compression stockings on long flights.\n\n"
            "Safe travels, and happy holidays from all of us at ALIGN."
        ),
        "lead_alt": "Abstract drawing of quiet mountain layers under a softly graded sky",
        "steps": [
            {
                "exercise": "seated-pelvic-rocks",
                "hold_seconds": None,
                "each_side": None,
                "note": "Every half hour or so.",
            },
            {
                "exercise": "chair-figure-four",
                "hold_seconds": 30,
                "each_side": None,
                "note": "Only if you have a little room; keep it gentle.",
            },
            {
                "exercise": "wall-hinge",
                "hold_seconds": None,
                "each_side": None,
                "note": "Perfect for the baggage carousel.",
            },
        ],
    },
    {
        "slug": "moving-at-home-a-small-space-sequence",
        "title": "Moving at Home: A Small-Space Sequence",
        "published": "2020-04-07 09:00",
        "categories": ["feel-good-series"],
        "summary": (
            "With the clinic temporarily closed, here is a sequence that fits in the space of a "
            "yoga mat and uses only things you already have at home."
        ),
        "body": (
            "These are strange weeks. The clinic is closed for now, the trails are crowded, and "
            "many of us are spending far more time at home than we ever expected. I miss seeing "
            "you all.\n\n"
            "While we wait, I want to make sure you have a way to keep moving that fits in a small "
            "space. This sequence needs only the floor area of a yoga mat and a firm book or two "
            "in place of a block.\n\n"
            "## The sequence\n\n"
            "Start on your hands and knees with cat and cow, then rock back and forth in tabletop "
            "to wake up the hips. Rest in child's pose, then lie on your belly for sphinx. Roll "
            "onto your back for a supported bridge on your stack of books, and finish with several "
            "minutes of constructive rest.\n\n"
            "It takes about fifteen minutes. If that is too long on some days, do the first and "
            "last steps and call it good.\n\n"
            "## Be kind to yourself\n\n"
            "Many people tell me they feel stiffer than usual, even though they are doing less. "
            "Worry lives in the body, and it tends to settle in the shoulders, the jaw and the low "
            "back. Slow movement and slow breathing are small ways of telling your nervous system "
            "that it is safe to let go.\n\n"
            "We are offering video visits for anyone who needs them. If something hurts, please "
            "reach out rather than waiting it out alone."
        ),
        "lead_alt": "Calm illustration of layered hills beneath a soft sky with a pale sun",
        "steps": [
            {"exercise": "cat-cow", "hold_seconds": None, "each_side": None, "note": ""},
            {"exercise": "tabletop-rock-back", "hold_seconds": None, "each_side": None, "note": ""},
            {
                "exercise": "wide-knee-childs-pose",
                "hold_seconds": None,
                "each_side": None,
                "note": "",
            },
            {"exercise": "sphinx", "hold_seconds": None, "each_side": None, "note": ""},
            {
                "exercise": "block-bridge",
                "hold_seconds": None,
                "each_side": None,
                "note": "Two firm hardback books make a fine block.",
            },
            {"exercise": "constructive-rest", "hold_seconds": None, "each_side": None, "note": ""},
        ],
    },
    {
        "slug": "notes-from-the-kitchen-table-office",
        "title": "Notes From the Kitchen-Table Office",
        "published": "2020-04-28 13:00",
        "categories": ["desk-and-travel", "spine"],
        "summary": (
            "Working from the kitchen table has been hard on a lot of necks and backs. A few "
            "simple setup changes and four short movements can help."
        ),
        "body": (
            "A month into working from home, the thing I hear most often on video visits is some "
            "version of this: my back was fine at the office, but the kitchen table is wearing me "
            "out.\n\n"
            "Kitchen tables and dining chairs were made for meals, not eight-hour workdays. "
            "Laptops make it harder, because the screen sits low and draws the head forward.\n\n"
            "## Setup ideas that cost nothing\n\n"
            "- Raise your laptop on a stack of books so the top of the screen is near eye level, "
            "and use a separate keyboard if you have one.\n"
            "- Put a folded towel on the seat if the chair is too low, and a small pillow behind "
            "your back if it is too deep.\n"
            "- Rest your feet flat on the floor or on a sturdy box.\n"
            "- Work near a window if you can, and look out of it often.\n\n"
            "## Movement breaks\n\n"
            "Set a timer for every forty-five minutes. When it goes off, choose one or two of the "
            "movements below. Seated pelvic rocks and the chair twist can be done without leaving "
            "your seat. Wall angels and the wall hinge need a little wall, which most kitchens "
            "have.\n\n"
            "It also helps to change where you work during the day. Take a call standing at the "
            "counter or sitting on the couch. Variety is the most useful ergonomic tool you "
            "have.\n\n"
            "If numbness or tingling shows up in your hands or arms, let us know. That is worth "
            "looking at early."
        ),
        "lead_alt": (
            "Abstract drawing of overlapping mountain ridges fading into a bright, hazy sky"
        ),
        "steps": [
            {
                "exercise": "seated-pelvic-rocks",
                "hold_seconds": None,
                "each_side": None,
                "note": "",
            },
            {"exercise": "seated-chair-twist", "hold_seconds": None, "each_side": None, "note": ""},
            {
                "exercise": "wall-angels",
                "hold_seconds": None,
                "each_side": None,
                "note": "Use a bit of bare wall near the table.",
            },
            {"exercise": "wall-hinge", "hold_seconds": 30, "each_side": None, "note": ""},
        ],
    },
    {
        "slug": "legs-up-the-wall-after-a-long-day",
        "title": "Legs Up the Wall After a Long Day",
        "published": "2021-08-24 20:30",
        "categories": ["feel-good-series"],
        "summary": (
            "On hot summer evenings, few things feel better than lying with your legs up a wall. "
            "Here is how to set it up comfortably."
        ),
        "body": (
            "August in Salt Lake can be relentless. After a hot day on your feet, whether that "
            "meant gardening, hiking, standing at work or chasing small children, lying down with "
            "your legs up the wall is a lovely way to finish.\n\n"
            "The position is simple, but a few details make it much more comfortable.\n\n"
            "## Getting in and out\n\n"
            "The tricky part is getting your hips near the wall. Sit sideways with one hip "
            "touching the wall, then lie back as you swing your legs up. If the backs of your legs "
            "are tight, scoot away from the wall until your legs can rest without pulling. There "
            "is no prize for getting your hips right up against it.\n\n"
            "To come out, bend your knees, roll onto your side and rest there before sitting up "
            "slowly.\n\n"
            "## Making it restful\n\n"
            "- Put a folded blanket under your hips if your low back prefers a little lift.\n"
            "- Rest a hand on your belly and let your breathing slow down.\n"
            "- Dim the lights and leave your phone in another room.\n\n"
            "Stay for five minutes, or longer if you like. Afterwards, lower your feet to the "
            "floor for a few minutes of constructive rest before getting up.\n\n"
            "## Who should skip it\n\n"
            "If you have glaucoma, high blood pressure that is not well controlled, or are later "
            "in pregnancy, check with your provider first. Come down if your feet start to tingle."
        ),
        "lead_alt": "Simple landscape of ridges layered beneath a still evening sky",
        "steps": [
            {
                "exercise": "legs-up-the-wall",
                "hold_seconds": 300,
                "each_side": None,
                "note": "A folded blanket under the hips is welcome.",
            },
            {"exercise": "constructive-rest", "hold_seconds": 180, "each_side": None, "note": ""},
        ],
    },
    {
        "slug": "first-snow-easing-into-ski-season",
        "title": "First Snow: Easing Into Ski Season",
        "published": "2022-11-15 07:00",
        "categories": ["hips", "spine"],
        "summary": (
            "The resorts are opening and the first runs of the year are close. A short sequence to "
            "help your hips and spine feel ready."
        ),
        "body": (
            "The first real snow has dusted the Wasatch, the resorts are spinning their first "
            "lifts, and the clinic is full of people asking whether their hips are ready for the "
            "season.\n\n"
            "The honest answer is that the best preparation is regular strength work in the months "
            "before, and that ship may have sailed for this year. But there is still plenty you "
            "can do to help your body feel ready, and a gentle routine now helps you notice any "
            "stiffness before you are standing at the top of a steep run.\n\n"
            "## The sequence\n\n"
            "These five positions look after the places skiing asks the most of:\n\n"
            "1. The half-kneeling hip flexor stretch for the fronts of the hips, which stay bent "
            "all day in boots.\n"
            "2. A supported bridge to let the pelvis rest while the front of the body lengthens.\n"
            "3. The side-lying open book, because every turn asks your upper back to rotate.\n"
            "4. The strap hamstring stretch, keeping the knee soft.\n"
            "5. Wide-knee child's pose to finish.\n\n"
            "Do it a few times a week now, and again on the evening after each ski day.\n\n"
            "## Early-season sense\n\n"
            "Early snow is often thin, and your legs are not yet used to the work. Keep your first "
            "few days short, ski with friends, and stop before your legs are tired. The deep days "
            "will come.\n\n"
            "See you in the lift line."
        ),
        "lead_alt": "Abstract drawing of layered ridges under a pale, quiet sky",
        "steps": [
            {
                "exercise": "half-kneeling-hip-flexor",
                "hold_seconds": None,
                "each_side": None,
                "note": "",
            },
            {"exercise": "block-bridge", "hold_seconds": None, "each_side": None, "note": ""},
            {
                "exercise": "side-lying-open-book",
                "hold_seconds": None,
                "each_side": None,
                "note": "",
            },
            {"exercise": "strap-hamstring", "hold_seconds": None, "each_side": None, "note": ""},
            {
                "exercise": "wide-knee-childs-pose",
                "hold_seconds": None,
                "each_side": None,
                "note": "",
            },
        ],
    },
]

# An unfinished post that stays unpublished.
DRAFT = {
    "slug": "kneeling-in-the-garden",
    "title": "Kneeling in the Garden Without the Grumbles",
    "published": None,
    "categories": ["hips"],
    "summary": "Notes on looking after your knees, hips and back through planting season.",
    "body": (
        "Planting season is nearly here, and with it the yearly wave of sore knees and backs after "
        "a long weekend of weeding.\n\n"
        "## Kneeling well\n\n"
        "A garden kneeler or a folded foam pad makes a real difference. Switch which knee is down "
        "every few minutes, and get up to stretch before you feel you need to.\n\n"
        "## After the garden\n\n"
        "Still to write: the half-kneeling stretch, child's pose, and something kind for the "
        "wrists. Ask the front desk for photos of the raised beds."
    ),
    "lead_alt": "Abstract drawing of soft hills layered under a gentle sky",
    "steps": [
        {
            "exercise": "half-kneeling-hip-flexor",
            "hold_seconds": None,
            "each_side": None,
            "note": "",
        },
        {"exercise": "wide-knee-childs-pose", "hold_seconds": None, "each_side": None, "note": ""},
    ],
}

# "+14" means fourteen days after the demo data is loaded.
SCHEDULED = {
    "slug": "getting-up-off-the-floor-with-ease",
    "title": "Getting Up Off the Floor With Ease",
    "published": "+14",
    "categories": ["feel-good-series", "hips"],
    "summary": (
        "Getting down to the floor and back up again is a skill worth practising. Here is a calm, "
        "step-by-step way to do it."
    ),
    "body": (
        "Every sequence on this blog starts on the floor, which means every one of them ends with "
        "getting back up. For some people that is the hardest part.\n\n"
        "Being able to get down to the floor and up again is a genuinely useful skill. It lets you "
        "play with grandchildren, work in the garden and get up on your own after a slip. Like any "
        "skill, it gets easier with practice.\n\n"
        "## A step-by-step way up\n\n"
        "1. From lying on your back, bend your knees and roll onto your side.\n"
        "2. Push up onto your hands and knees, and take a breath here.\n"
        "3. Bring one foot forward into a half-kneeling position.\n"
        "4. With a hand on your front knee, or on a sturdy chair, press up to standing.\n\n"
        "Reverse the steps to get down. Go slowly, and keep a chair nearby for support while you "
        "practise.\n\n"
        "## Practise little and often\n\n"
        "Try going down and up once or twice a day, using as much support as you need. Over a few "
        "weeks most people find they need less.\n\n"
        "If you feel dizzy when you stand, pause in half-kneeling for a few breaths before coming "
        "up. If getting up is very difficult, or you have fallen recently, please talk with your "
        "physical therapist."
    ),
    "lead_alt": "Calm illustration of layered mountain silhouettes beneath a gentle morning sky",
    "steps": [
        {"exercise": "constructive-rest", "hold_seconds": 60, "each_side": None, "note": ""},
        {
            "exercise": "tabletop-rock-back",
            "hold_seconds": None,
            "each_side": None,
            "note": "Take a breath on your hands and knees before moving on.",
        },
        {
            "exercise": "half-kneeling-hip-flexor",
            "hold_seconds": 30,
            "each_side": None,
            "note": "Use a chair beside you for support.",
        },
    ],
}
