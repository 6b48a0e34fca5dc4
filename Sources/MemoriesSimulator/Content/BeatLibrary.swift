import MemoriesClient

/// The beats a short drama is assembled from: a contract marriage, a hidden heir, a rival's
/// scheme, a hospital reveal, a boardroom showdown… Each is written in both languages.
enum BeatLibrary {
    static let whisper = Bilingual("低声", "whispering")
    static let cold = Bilingual("冷冷地", "coldly")
    static let trembling = Bilingual("颤抖", "trembling")
    static let sneer = Bilingual("冷笑", "sneering")
    static let softly = Bilingual("温柔地", "softly")
    static let shouting = Bilingual("怒吼", "shouting")

    static let all: [SceneBeat] = [
        SceneBeat(
            key: "contract", locations: ["office", "cafe"], parts: [.ceo, .heroine, .secretary], extras: [],
            summary: Bilingual("{Ct}把一份婚姻契约推到{H}面前：假结婚一年，换她父亲的医药费。", "{Ct} slides a marriage contract to {H}: one year of fake marriage in exchange for her father's hospital bills."),
            lines: [
                LineTemplate(.part(.ceo), "签了它，你父亲的医药费我全包。", "Sign it, and I'll cover every cent of your father's treatment.", delivery: cold),
                LineTemplate(.part(.heroine), "一年？{Ct}，你到底想要什么？", "One year? {Ct}, what do you really want?"),
                LineTemplate(.part(.ceo), "一个听话的妻子。仅此而已。", "An obedient wife. Nothing more."),
                LineTemplate(.part(.heroine), "我凭什么相信你？", "Why should I trust you?"),
                LineTemplate(.part(.secretary), "{Hm}，第三条写得很清楚——不许对总裁动心。", "{Hm}, clause three is very clear: you may not fall for the CEO."),
                LineTemplate(.part(.heroine), "放心，我对冷血的人没兴趣。", "Don't worry. Cold-blooded men don't interest me."),
                LineTemplate(.part(.ceo), "很好。明天早上九点，民政局见。", "Good. Nine tomorrow morning, the registry office."),
                LineTemplate(.part(.heroine), "为了爸爸……我签。", "For Dad... I'll sign.", kind: .voiceOver),
            ],
            actions: [
                Bilingual("{C}把合同推过桌面，眼神冰冷。", "{C} pushes the contract across the desk, eyes like ice."),
                Bilingual("{H}攥紧手中的笔，指节发白。", "{H} grips the pen until her knuckles whiten."),
                Bilingual("{S}站在一旁，推了推眼镜。", "{S} stands aside and adjusts his glasses."),
                Bilingual("{H}深吸一口气，签下自己的名字。", "{H} takes a deep breath and signs her name."),
            ],
            inserts: [
                Bilingual("合同首页特写：《婚姻协议》。", "Close on the first page: MARRIAGE AGREEMENT."),
                Bilingual("笔尖落在签名处。", "The pen tip touches the signature line."),
            ]
        ),
        SceneBeat(
            key: "registry", locations: ["bureau"], parts: [.heroine, .ceo], extras: [4],
            summary: Bilingual("{H}和{C}在民政局门口领证，{C}当众宣布她是{Co}的少夫人。", "{H} and {C} register their marriage; {C} announces her as his wife in front of everyone."),
            lines: [
                LineTemplate(.extra(4), "快看，那不是{Co}的总裁吗？", "Look, isn't that the CEO of {Co}?", kind: .offScreen),
                LineTemplate(.part(.heroine), "你迟到了三分钟。", "You're three minutes late."),
                LineTemplate(.part(.ceo), "我的时间，一分钟值一个亿。", "One minute of my time is worth a hundred million."),
                LineTemplate(.part(.heroine), "那你可真是亏大了。", "Then you're losing a fortune right now."),
                LineTemplate(.part(.ceo), "从今天起，你就是{Cs}太太。", "From today, you're my wife.", delivery: softly),
                LineTemplate(.part(.heroine), "只是契约上的。", "On paper only."),
            ],
            actions: [
                Bilingual("{C}从车上下来，西装笔挺。", "{C} steps out of the car in an immaculate suit."),
                Bilingual("{H}低头看着手里的红本子，神情复杂。", "{H} stares at the red marriage certificate, torn."),
                Bilingual("路人纷纷举起手机拍照。", "Passers-by raise their phones to film."),
            ],
            inserts: [
                Bilingual("红色结婚证特写，照片上两人都没有笑。", "Close on the red certificate: neither of them smiles in the photo."),
            ]
        ),
        SceneBeat(
            key: "rival-scheme", locations: ["banquet", "cafe", "mansion"], parts: [.rival, .heroine, .ceo], extras: [0],
            summary: Bilingual("{R}设计陷害{H}，当众泼酒，却被{C}识破。", "{R} frames {H} and throws wine at her in public, but {C} sees through the scheme."),
            lines: [
                LineTemplate(.part(.rival), "哟，这不是靠合同上位的{Hm}吗？", "Well, if it isn't {Hm}, who married her way in with a contract.", delivery: sneer),
                LineTemplate(.part(.heroine), "{Rm}，你说话最好注意点。", "{Rm}, watch your mouth."),
                LineTemplate(.extra(0), "小姐，您的红酒……", "Miss, your wine..."),
                LineTemplate(.part(.rival), "啊！她推我！大家都看见了！", "Ah! She pushed me! Everyone saw it!", delivery: shouting),
                LineTemplate(.part(.ceo), "我看见了。是你自己摔的。", "I saw it too. You fell on your own."),
                LineTemplate(.part(.rival), "{Cg}哥哥，你怎么能帮她说话？", "{Cg}, how can you take her side?", delivery: trembling),
                LineTemplate(.part(.ceo), "因为她是我的妻子。", "Because she is my wife."),
            ],
            actions: [
                Bilingual("{R}端着酒杯走近，嘴角挂着假笑。", "{R} approaches with a glass of wine and a fake smile."),
                Bilingual("红酒泼在{H}的白裙子上。", "Red wine splashes across {H}'s white dress."),
                Bilingual("{R}顺势倒地，捂着手腕。", "{R} drops to the floor, clutching her wrist."),
                Bilingual("{C}脱下外套，披在{H}肩上。", "{C} takes off his jacket and drapes it over {H}'s shoulders."),
                Bilingual("宾客们窃窃私语。", "Guests whisper behind their hands."),
            ],
            inserts: [
                Bilingual("摔碎的高脚杯，红酒在地毯上蔓延。", "A shattered wine glass; red wine spreads across the carpet."),
            ]
        ),
        SceneBeat(
            key: "hospital-reveal", locations: ["corridor", "ward"], parts: [.doctor, .heroine, .ceo], extras: [2],
            summary: Bilingual("{Dt}递来亲子鉴定报告，结果让所有人震惊。", "{Dt} hands over a paternity report whose result stuns everyone."),
            lines: [
                LineTemplate(.extra(2), "家属请安静，病人需要休息。", "Family members, please keep your voices down."),
                LineTemplate(.part(.doctor), "鉴定结果出来了。", "The test results are back."),
                LineTemplate(.part(.heroine), "医生，怎么样？", "Doctor, what do they say?", delivery: trembling),
                LineTemplate(.part(.doctor), "支持亲生关系，概率百分之九十九点九九。", "Paternity confirmed. Probability ninety-nine point nine nine percent."),
                LineTemplate(.part(.ceo), "你说什么？再说一遍！", "What did you say? Say it again!"),
                LineTemplate(.part(.heroine), "五年前那晚的人……是你？", "The man that night five years ago... was you?", delivery: whisper),
                LineTemplate(.part(.ceo), "我找了你整整五年。", "I've been looking for you for five years."),
            ],
            actions: [
                Bilingual("{D}从诊室走出来，手里拿着一个牛皮纸袋。", "{D} steps out of the consulting room holding a manila envelope."),
                Bilingual("{H}接过报告，手指微微发抖。", "{H} takes the report, her fingers trembling."),
                Bilingual("{C}一把夺过报告，瞳孔骤缩。", "{C} snatches the report; his pupils shrink."),
                Bilingual("{H}后退一步，靠在墙上。", "{H} staggers back against the wall."),
            ],
            inserts: [
                Bilingual("报告特写：《亲子鉴定意见书》。", "Close on the report: PATERNITY TEST RESULTS."),
                Bilingual("结论一栏：支持亲生关系。", "The conclusion line: PATERNITY CONFIRMED."),
            ]
        ),
        SceneBeat(
            key: "hidden-heir", locations: ["kindergarten", "street"], parts: [.child, .ceo, .heroine], extras: [],
            summary: Bilingual("{K}拦住{C}，一张和他一模一样的小脸让他愣住。", "{K} blocks {C}'s path; the child's face is a copy of his own."),
            lines: [
                LineTemplate(.part(.child), "叔叔，你长得好像我爹地哦。", "Mister, you look just like my daddy."),
                LineTemplate(.part(.ceo), "你爹地是谁？", "Who is your daddy?"),
                LineTemplate(.part(.child), "妈咪说，爹地是个大坏蛋。", "Mommy says Daddy is a big bad guy."),
                LineTemplate(.part(.heroine), "{K}！谁让你乱跑的！", "{K}! Who said you could run off?", kind: .offScreen),
                LineTemplate(.part(.ceo), "这孩子……几岁了？", "How old... is this child?"),
                LineTemplate(.part(.heroine), "跟你没关系。", "That's none of your business.", delivery: cold),
                LineTemplate(.part(.child), "叔叔再见！下次给我买冰淇淋！", "Bye, mister! Buy me ice cream next time!"),
            ],
            actions: [
                Bilingual("{K}仰起小脸，眨着大眼睛。", "{K} looks up, blinking big round eyes."),
                Bilingual("{C}蹲下身，和孩子平视。", "{C} crouches to the child's eye level."),
                Bilingual("{H}冲过来，一把抱起孩子。", "{H} rushes over and scoops up the child."),
                Bilingual("{C}站在原地，久久没有动。", "{C} stands frozen long after they leave."),
            ],
            inserts: [
                Bilingual("孩子书包上挂着一枚旧玉佩。", "An old jade pendant dangles from the child's backpack."),
            ]
        ),
        SceneBeat(
            key: "mother-in-law", locations: ["mansion"], parts: [.motherInLaw, .heroine, .ceo], extras: [],
            summary: Bilingual("{Mt}甩出一张支票，逼{H}离开她儿子。", "{Mt} throws down a check and orders {H} to leave her son."),
            lines: [
                LineTemplate(.part(.motherInLaw), "五百万，离开我儿子。", "Five million. Leave my son."),
                LineTemplate(.part(.heroine), "阿姨，我和{Cg}是真心的。", "Ma'am, what {Cg} and I have is real."),
                LineTemplate(.part(.motherInLaw), "真心？你配吗？", "Real? Do you think you deserve him?", delivery: sneer),
                LineTemplate(.part(.heroine), "这张支票，您还是收回去吧。", "Please keep your check."),
                LineTemplate(.part(.ceo), "妈，够了。", "Mom, that's enough.", kind: .offScreen),
                LineTemplate(.part(.motherInLaw), "{Cg}，你被这个女人迷昏头了！", "{Cg}, this woman has bewitched you!"),
                LineTemplate(.part(.ceo), "她是我选的人。谁也不能动她。", "I chose her. No one touches her."),
            ],
            actions: [
                Bilingual("{M}把支票拍在茶几上。", "{M} slaps a check onto the coffee table."),
                Bilingual("{H}挺直脊背，不卑不亢。", "{H} straightens her back, neither humble nor defiant."),
                Bilingual("{C}推门而入，脸色铁青。", "{C} pushes through the door, face dark."),
                Bilingual("{C}把{H}护在身后。", "{C} steps in front of {H}."),
            ],
            inserts: [
                Bilingual("支票特写：伍佰万元整。", "Close on the check: five million, exactly."),
            ]
        ),
        SceneBeat(
            key: "boardroom", locations: ["boardroom"], parts: [.ceo, .secretary, .father], extras: [7],
            summary: Bilingual("董事会上有人发难，{C}当场甩出证据反击。", "A board member attacks; {C} answers with evidence on the spot."),
            lines: [
                LineTemplate(.extra(7), "{Ct}，这个季度亏损三个亿，你怎么解释？", "{Ct}, we lost three hundred million this quarter. Explain that."),
                LineTemplate(.part(.ceo), "{St}，放出来。", "{St}, put it on screen."),
                LineTemplate(.part(.secretary), "这是王董私下转移公司资产的全部流水。", "These are every one of Director Wang's secret transfers of company assets."),
                LineTemplate(.extra(7), "你……你血口喷人！", "You... this is slander!", delivery: shouting),
                LineTemplate(.part(.father), "年轻人，做事不要太绝。", "Young man, don't burn every bridge."),
                LineTemplate(.part(.ceo), "报警吧。", "Call the police."),
            ],
            actions: [
                Bilingual("董事们交头接耳，目光投向主位。", "Directors murmur and turn toward the head of the table."),
                Bilingual("{C}靠在椅背上，手指轻敲桌面。", "{C} leans back, fingers tapping the table."),
                Bilingual("{S}打开投影，屏幕亮起。", "{S} switches on the projector; the screen lights up."),
                Bilingual("王董面如死灰，跌坐回椅子上。", "Director Wang turns ashen and collapses into his chair."),
            ],
            inserts: [
                Bilingual("投影屏幕上的转账记录。", "Transfer records on the projector screen."),
            ]
        ),
        SceneBeat(
            key: "night-confession", locations: ["bedroom", "rooftop"], parts: [.heroine, .ceo], extras: [],
            summary: Bilingual("深夜，{C}卸下防备，向{H}说出五年前的真相。", "Late at night, {C} lets his guard down and tells {H} the truth about five years ago."),
            lines: [
                LineTemplate(.part(.heroine), "你为什么总是一个人在这里？", "Why are you always up here alone?"),
                LineTemplate(.part(.ceo), "五年前，我在这里弄丢了一个人。", "Five years ago, I lost someone here."),
                LineTemplate(.part(.heroine), "她对你很重要吗？", "Was she important to you?", delivery: softly),
                LineTemplate(.part(.ceo), "重要到……我找了她五年。", "Important enough that I searched five years for her."),
                LineTemplate(.part(.heroine), "如果她一直就在你身边呢？", "What if she's been beside you all along?"),
                LineTemplate(.part(.heroine), "我不能告诉他，至少现在不能。", "I can't tell him. Not yet.", kind: .voiceOver),
            ],
            actions: [
                Bilingual("{C}倚着栏杆，背影孤独。", "{C} leans on the railing, a lonely silhouette."),
                Bilingual("{H}把一杯热茶递给他。", "{H} hands him a cup of hot tea."),
                Bilingual("两人的手指不经意间碰到一起。", "Their fingers brush by accident."),
                Bilingual("{H}别过脸，眼眶泛红。", "{H} turns away, eyes reddening."),
            ],
            inserts: [
                Bilingual("{C}掌心里握着一枚旧戒指。", "An old ring in {C}'s palm."),
            ]
        ),
        SceneBeat(
            key: "phone-threat", locations: ["apartment", "garage", "car"], parts: [.heroine, .rival], extras: [5],
            summary: Bilingual("{H}收到匿名短信，{R}在暗处操控一切。", "{H} receives an anonymous message; {R} is pulling the strings."),
            lines: [
                LineTemplate(.nobody, "想知道你母亲是怎么死的吗？今晚十点，老地方。", "Want to know how your mother really died? Ten tonight. The usual place.", kind: .onScreenText),
                LineTemplate(.part(.heroine), "是谁？你到底是谁？", "Who is this? Who are you?"),
                LineTemplate(.part(.rival), "{H}，这次我看你怎么翻身。", "{H}, let's see you climb out of this one.", kind: .voiceOver),
                LineTemplate(.extra(5), "小姐，到了。", "Miss, we're here."),
                LineTemplate(.part(.heroine), "不管是谁，我都要查清楚。", "Whoever it is, I'll find out."),
            ],
            actions: [
                Bilingual("{H}的手机屏幕突然亮起。", "{H}'s phone screen lights up."),
                Bilingual("{H}盯着屏幕，脸色骤变。", "{H} stares at the screen, the color draining from her face."),
                Bilingual("暗处，{R}放下手机，嘴角上扬。", "In the shadows, {R} lowers her phone with a smile."),
                Bilingual("{H}抓起外套冲出门。", "{H} grabs her coat and runs out."),
            ],
            inserts: [
                Bilingual("手机短信特写：发件人未知。", "Close on the message: SENDER UNKNOWN."),
            ]
        ),
        SceneBeat(
            key: "flashback", locations: ["street", "ward", "apartment"], parts: [.heroine, .father], extras: [],
            summary: Bilingual("闪回：五年前的雨夜，{F}被人陷害入狱，{H}跪在雨里。", "Flashback: a rainy night five years ago, {F} is framed and jailed while {H} kneels in the rain."),
            lines: [
                LineTemplate(.nobody, "五年前", "FIVE YEARS EARLIER", kind: .onScreenText),
                LineTemplate(.part(.father), "{Hn}，爸爸是被冤枉的……", "Sweetheart, your father was framed...", delivery: trembling),
                LineTemplate(.part(.heroine), "爸！你们放开他！", "Dad! Let him go!", delivery: shouting),
                LineTemplate(.part(.heroine), "那一夜，我失去了一切。", "That night, I lost everything.", kind: .narration),
                LineTemplate(.part(.heroine), "我发誓，一定会让他们付出代价。", "I swore they would pay for it."),
            ],
            actions: [
                Bilingual("暴雨中，警灯闪烁。", "Police lights flash through the downpour."),
                Bilingual("{F}被两个人押上车。", "{F} is pushed into a car by two men."),
                Bilingual("年轻的{H}跪在雨里，浑身湿透。", "A younger {H} kneels in the rain, soaked through."),
            ],
            inserts: [
                Bilingual("泥水里的一张全家福。", "A family photo lying in the muddy water."),
            ]
        ),
        SceneBeat(
            key: "secretary-report", locations: ["office", "car", "tower"], parts: [.ceo, .secretary], extras: [6],
            summary: Bilingual("{St}汇报调查结果：{H}的身份远不止表面那么简单。", "{St} reports back: {H} is far more than she seems."),
            lines: [
                LineTemplate(.extra(6), "{Ct}早。", "Good morning, {Ct}."),
                LineTemplate(.part(.secretary), "{Ct}，查到了。", "{Ct}, we found it."),
                LineTemplate(.part(.ceo), "说。", "Go on."),
                LineTemplate(.part(.secretary), "少夫人五年前出国，学的是医学，还是全球最年轻的心外科专家。", "Five years ago she went abroad to study medicine. She's the youngest cardiac surgeon in the world."),
                LineTemplate(.part(.ceo), "有意思。我的小妻子，到底还有多少秘密？", "Interesting. How many more secrets is my little wife keeping?"),
                LineTemplate(.part(.secretary), "还有……她在查当年{F}的案子。", "And... she's digging into the old case against her father."),
                LineTemplate(.part(.ceo), "继续盯着，别让她受伤。", "Keep watching. Don't let her get hurt."),
            ],
            actions: [
                Bilingual("{S}递上一份文件夹。", "{S} hands over a folder."),
                Bilingual("{C}翻开资料，眉头微挑。", "{C} opens the file, one eyebrow rising."),
                Bilingual("{C}望向窗外，若有所思。", "{C} gazes out the window, thinking."),
            ],
            inserts: [
                Bilingual("资料照片：{H}穿着白大褂站在手术台前。", "A photo in the file: {H} in scrubs at an operating table."),
            ]
        ),
        SceneBeat(
            key: "rescue", locations: ["garage", "street", "rooftop"], parts: [.heroine, .ceo], extras: [1],
            summary: Bilingual("{H}遇险，{C}及时赶到救下她。", "{H} is in danger; {C} arrives just in time."),
            lines: [
                LineTemplate(.nobody, "就是她，动手！", "That's her. Now!", kind: .offScreen),
                LineTemplate(.part(.heroine), "救命——", "Help—", delivery: shouting),
                LineTemplate(.part(.ceo), "谁敢动她！", "Who dares touch her!"),
                LineTemplate(.extra(1), "{Ct}，人都跑了！", "{Ct}, they got away!"),
                LineTemplate(.part(.ceo), "有没有受伤？", "Are you hurt?", delivery: softly),
                LineTemplate(.part(.heroine), "你……怎么会来？", "You... how did you know?"),
                LineTemplate(.part(.ceo), "以后，我不会再让你一个人。", "From now on, you're never alone again."),
            ],
            actions: [
                Bilingual("几个黑影从柱子后面窜出。", "Shadowy figures dart out from behind the pillars."),
                Bilingual("{H}被逼到墙角，手包掉在地上。", "{H} is cornered; her bag falls to the ground."),
                Bilingual("刺眼的车灯照过来，{C}推门下车。", "Headlights blaze; {C} steps out of the car."),
                Bilingual("{C}一拳打倒为首的人。", "{C} floors the ringleader with one punch."),
                Bilingual("{C}把{H}紧紧抱在怀里。", "{C} holds {H} tight."),
            ],
            inserts: [
                Bilingual("地上掉落的手机还在通话中。", "A dropped phone on the ground, call still connected."),
            ]
        ),
        SceneBeat(
            key: "airport-return", locations: ["airport"], parts: [.heroine, .child, .secretary], extras: [3],
            summary: Bilingual("五年后，{H}带着{K}高调回国，记者蜂拥而至。", "Five years later, {H} returns with {K}; reporters swarm the arrivals hall."),
            lines: [
                LineTemplate(.nobody, "五年后", "FIVE YEARS LATER", kind: .onScreenText),
                LineTemplate(.extra(3), "请问您这次回国，是为了{Co}的收购案吗？", "Are you back for the {Co} acquisition?"),
                LineTemplate(.part(.heroine), "无可奉告。", "No comment."),
                LineTemplate(.part(.child), "妈咪，这里就是爹地住的城市吗？", "Mommy, is this the city where Daddy lives?"),
                LineTemplate(.part(.heroine), "我们不找他。", "We're not looking for him."),
                LineTemplate(.part(.secretary), "{Ct}，她回来了。", "{Ct}, she's back.", kind: .voiceOver),
            ],
            actions: [
                Bilingual("{H}摘下墨镜，气场全开。", "{H} removes her sunglasses, commanding the room."),
                Bilingual("记者们举着话筒围上来。", "Reporters close in with microphones."),
                Bilingual("{K}牵着妈妈的手，好奇地张望。", "{K} holds Mommy's hand and looks around curiously."),
                Bilingual("人群后面，{S}拿起电话。", "Behind the crowd, {S} lifts his phone."),
            ],
            inserts: [
                Bilingual("行李箱上贴着国际航班的托运标签。", "An international baggage tag on the suitcase."),
            ]
        ),
        SceneBeat(
            key: "bridal-fitting", locations: ["bridal"], parts: [.heroine, .rival, .ceo], extras: [6],
            summary: Bilingual("{H}试婚纱时，{R}闯进来宣称自己才是真正的未婚妻。", "While {H} tries on a wedding dress, {R} bursts in claiming to be the real fiancée."),
            lines: [
                LineTemplate(.extra(6), "太美了，这件简直是为您量身定做的。", "Stunning. It's as if it were made for you."),
                LineTemplate(.part(.rival), "脱下来。这件婚纱是我的。", "Take it off. That dress is mine.", delivery: cold),
                LineTemplate(.part(.heroine), "{Rm}，你认错人了吧？", "{Rm}, I think you're confused."),
                LineTemplate(.part(.rival), "{Cs}家和{Rs}家早就订了婚约，你算什么？", "Our families arranged this engagement years ago. Who are you?"),
                LineTemplate(.part(.ceo), "婚约？我怎么不知道。", "An engagement? That's news to me."),
                LineTemplate(.part(.ceo), "很美。", "You look beautiful.", delivery: softly),
            ],
            actions: [
                Bilingual("试衣间的帘子拉开，{H}身穿婚纱走出来。", "The curtain opens; {H} steps out in the gown."),
                Bilingual("{R}推门闯入，脸色难看。", "{R} storms in, face twisted."),
                Bilingual("{C}靠在门边，目光落在{H}身上。", "{C} leans in the doorway, eyes only on {H}."),
            ],
            inserts: [
                Bilingual("婚纱裙摆上的碎钻闪闪发光。", "Tiny crystals sparkle along the hem of the gown."),
            ]
        ),
    ]

    /// Last lines of an episode: every episode ends on a hook.
    static let hooks: [LineTemplate] = [
        LineTemplate(.part(.doctor), "孩子的亲生父亲是——", "The child's biological father is—"),
        LineTemplate(.part(.rival), "你以为你赢了？好戏才刚刚开始。", "You think you've won? The show has only just begun."),
        LineTemplate(.part(.ceo), "{H}，你到底是谁？", "{H}... who are you, really?"),
        LineTemplate(.part(.motherInLaw), "把她给我赶出{Cs}家！", "Throw her out of this house!"),
        LineTemplate(.part(.heroine), "这一次，我要你们血债血偿。", "This time, you'll pay for everything."),
        LineTemplate(.part(.secretary), "{Ct}，出事了！少夫人她……", "{Ct}, something's happened! Your wife, she..."),
    ]
}
