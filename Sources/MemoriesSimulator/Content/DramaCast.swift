import MemoriesClient

/// The recurring cast and extras of one drama, fixed by the drama's seed so every episode
/// of a task refers to the same people with the same ids.
struct DramaCast: Sendable {
    /// Story functions; templates refer to characters by these.
    enum Part: String, Sendable, CaseIterable {
        case heroine, ceo, rival, secretary, motherInLaw, child, doctor, father
    }

    struct Member: Sendable {
        let id: String
        let part: Part?
        let name: Bilingual
        let aliases: [Bilingual]
        let role: CharacterRole
    }

    let members: [Member]
    /// The company the drama revolves around (`顾氏集团` / `Gu Group`).
    let company: Bilingual
    let ceoSurname: Bilingual
    let rivalSurname: Bilingual
    let seedText: String

    func member(_ part: Part) -> Member {
        // Every part is always cast (see `make`), so the lookup cannot fail.
        members.first { $0.part == part } ?? members[0]
    }

    var extras: [Member] { members.filter { $0.role == .extra } }

    static func make(seedText: String) -> DramaCast {
        var rng = SplitMix64(seedText: "cast:" + seedText)
        let ceoSurname = rng.pick(Names.ceoSurnames)
        let ceoGiven = rng.pick(Names.ceoGiven)
        let heroineSurname = rng.pick(Names.heroineSurnames)
        let heroineGiven = rng.pick(Names.heroineGiven)
        let rivalSurname = rng.pick(Names.rivalSurnames)
        let rivalGiven = rng.pick(Names.rivalGiven)
        let secretary = rng.pick(Names.secretaries)
        let doctor = rng.pick(Names.doctors)
        let child = rng.pick(Names.children)
        let motherGiven = rng.pick(Names.motherGiven)
        let fatherGiven = rng.pick(Names.fatherGiven)

        let heroineNick = Bilingual(String(heroineGiven.zh.suffix(1)) + String(heroineGiven.zh.suffix(1)), heroineGiven.en)
        let members: [Member] = [
            Member(
                id: "C01", part: .heroine,
                name: Bilingual(heroineSurname.zh + heroineGiven.zh, "\(heroineSurname.en) \(heroineGiven.en)"),
                aliases: [
                    heroineNick,
                    Bilingual(heroineSurname.zh + "小姐", "Miss \(heroineSurname.en)"),
                    Bilingual("少夫人", "Young Madam"),
                ],
                role: .lead
            ),
            Member(
                id: "C02", part: .ceo,
                name: Bilingual(ceoSurname.zh + ceoGiven.zh, "\(ceoSurname.en) \(ceoGiven.en)"),
                aliases: [
                    Bilingual(ceoSurname.zh + "总", "Mr. \(ceoSurname.en)"),
                    Bilingual("总裁", "the CEO"),
                    Bilingual(ceoGiven.zh, ceoGiven.en),
                ],
                role: .lead
            ),
            Member(
                id: "C03", part: .rival,
                name: Bilingual(rivalSurname.zh + rivalGiven.zh, "\(rivalSurname.en) \(rivalGiven.en)"),
                aliases: [Bilingual(rivalSurname.zh + "小姐", "Miss \(rivalSurname.en)"), Bilingual(rivalGiven.zh, rivalGiven.en)],
                role: .supporting
            ),
            Member(
                id: "C04", part: .secretary,
                name: Bilingual(secretary.surname.zh + secretary.given.zh, "\(secretary.surname.en) \(secretary.given.en)"),
                aliases: [Bilingual(secretary.surname.zh + "秘书", "Secretary \(secretary.surname.en)"), Bilingual("秘书" + secretary.surname.zh, "Assistant \(secretary.surname.en)")],
                role: .supporting
            ),
            Member(
                id: "C05", part: .motherInLaw,
                name: Bilingual(motherGiven.zh, motherGiven.en),
                aliases: [Bilingual(ceoSurname.zh + "夫人", "Madam \(ceoSurname.en)"), Bilingual(ceoSurname.zh + "母", "Mother \(ceoSurname.en)"), Bilingual("妈", "Mom")],
                role: .supporting
            ),
            Member(
                id: "C06", part: .child,
                name: Bilingual(child.zh, child.en),
                aliases: [Bilingual("小少爷", "the little master"), Bilingual("宝贝", "sweetie")],
                role: .supporting
            ),
            Member(
                id: "C07", part: .doctor,
                name: Bilingual(doctor.surname.zh + doctor.given.zh, "\(doctor.surname.en) \(doctor.given.en)"),
                aliases: [Bilingual(doctor.surname.zh + "医生", "Dr. \(doctor.surname.en)")],
                role: .supporting
            ),
            Member(
                id: "C08", part: .father,
                name: Bilingual(heroineSurname.zh + fatherGiven.zh, "\(heroineSurname.en) \(fatherGiven.en)"),
                aliases: [Bilingual("爸", "Dad"), Bilingual(heroineSurname.zh + "董", "Chairman \(heroineSurname.en)")],
                role: .supporting
            ),
        ] + Names.extras.enumerated().map { index, extra in
            Member(id: "X\(index < 9 ? "0" : "")\(index + 1)", part: nil, name: extra, aliases: [], role: .extra)
        }
        return DramaCast(
            members: members,
            company: Bilingual(ceoSurname.zh + "氏集团", "\(ceoSurname.en) Group"),
            ceoSurname: ceoSurname,
            rivalSurname: rivalSurname,
            seedText: seedText
        )
    }
}

/// Name pools: Chinese with the pinyin an English localisation keeps.
enum Names {
    static let ceoSurnames = [Bilingual("顾", "Gu"), Bilingual("陆", "Lu"), Bilingual("沈", "Shen"), Bilingual("霍", "Huo"), Bilingual("傅", "Fu"), Bilingual("厉", "Li"), Bilingual("萧", "Xiao"), Bilingual("薄", "Bo")]
    static let ceoGiven = [Bilingual("言深", "Yanshen"), Bilingual("北辰", "Beichen"), Bilingual("景琛", "Jingchen"), Bilingual("司寒", "Sihan"), Bilingual("慕白", "Mubai"), Bilingual("承泽", "Chengze"), Bilingual("砚舟", "Yanzhou"), Bilingual("廷川", "Tingchuan")]
    static let heroineSurnames = [Bilingual("林", "Lin"), Bilingual("江", "Jiang"), Bilingual("温", "Wen"), Bilingual("叶", "Ye"), Bilingual("宋", "Song"), Bilingual("夏", "Xia")]
    static let heroineGiven = [Bilingual("晚晴", "Wanqing"), Bilingual("念", "Nian"), Bilingual("知意", "Zhiyi"), Bilingual("清欢", "Qinghuan"), Bilingual("初夏", "Chuxia"), Bilingual("星月", "Xingyue"), Bilingual("暖", "Nuan"), Bilingual("安然", "Anran")]
    static let rivalSurnames = [Bilingual("白", "Bai"), Bilingual("苏", "Su"), Bilingual("乔", "Qiao"), Bilingual("许", "Xu")]
    static let rivalGiven = [Bilingual("婉柔", "Wanrou"), Bilingual("若曦", "Ruoxi"), Bilingual("心怡", "Xinyi"), Bilingual("梦琪", "Mengqi"), Bilingual("雪瑶", "Xueyao")]
    static let secretaries = [
        (surname: Bilingual("李", "Li"), given: Bilingual("明", "Ming")),
        (surname: Bilingual("张", "Zhang"), given: Bilingual("伟", "Wei")),
        (surname: Bilingual("周", "Zhou"), given: Bilingual("然", "Ran")),
        (surname: Bilingual("赵", "Zhao"), given: Bilingual("航", "Hang")),
    ]
    static let doctors = [
        (surname: Bilingual("陈", "Chen"), given: Bilingual("景", "Jing")),
        (surname: Bilingual("韩", "Han"), given: Bilingual("舟", "Zhou")),
        (surname: Bilingual("程", "Cheng"), given: Bilingual("安", "An")),
    ]
    static let children = [Bilingual("小宝", "Bao"), Bilingual("糖糖", "Tangtang"), Bilingual("豆豆", "Doudou"), Bilingual("念念", "Niannian")]
    static let motherGiven = [Bilingual("周雅琴", "Zhou Yaqin"), Bilingual("秦淑华", "Qin Shuhua"), Bilingual("孟玉兰", "Meng Yulan")]
    static let fatherGiven = [Bilingual("建国", "Jianguo"), Bilingual("振华", "Zhenhua"), Bilingual("国栋", "Guodong")]
    static let extras = [
        Bilingual("服务员", "Waiter"), Bilingual("保安", "Security Guard"), Bilingual("护士", "Nurse"), Bilingual("记者", "Reporter"),
        Bilingual("路人", "Passer-by"), Bilingual("司机", "Driver"), Bilingual("前台", "Receptionist"), Bilingual("董事", "Board Member"),
    ]
}
